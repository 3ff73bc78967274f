namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Files and folders only the owner may read (mode 0600 / 0700 on Unix).</summary>
internal static class PrivateFiles
{
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public static void WriteAllText(string path, string text) => Write(path, text, FileMode.Create);

    /// <summary>Writes a new file (mode 0600); fails when it exists: a key is never overwritten.</summary>
    public static void CreateNew(string path, string text) => Write(path, text, FileMode.CreateNew);

    private static void Write(string path, string text, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
