namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>Keeps the database and its -wal/-shm companions readable by the owner only (Unix).</summary>
internal static class SqliteFileSecurity
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the empty database file with mode 0600 before SQLite opens it (so it is never world-readable, whatever
    /// the umask), and its folder (0700) when missing. Returns whether this call created the file.
    /// </summary>
    public static bool EnsureFile(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }
        }

        if (File.Exists(path))
        {
            return false;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using var stream = new FileStream(path, options);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: fine, it did so the same way.
            return false;
        }
    }

    /// <summary>
    /// Removes group and other permissions from the database and its -wal/-shm/-journal files where set.
    /// Returns the files whose mode was tightened.
    /// </summary>
    public static IReadOnlyList<string> Tighten(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        List<string>? tightened = null;
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try
            {
                var mode = File.GetUnixFileMode(file);
                if ((mode & GroupOrOther) != 0)
                {
                    File.SetUnixFileMode(file, mode & ~GroupOrOther);
                    (tightened ??= []).Add(file);
                }
            }
            catch (FileNotFoundException)
            {
                // Not there (yet): SQLite creates -wal/-shm with the mode of the database file.
            }
            catch (UnauthorizedAccessException)
            {
                // Not our file (a shared database run by another user): leave it.
            }
        }

        return tightened ?? (IReadOnlyList<string>)[];
    }
}
