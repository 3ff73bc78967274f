using System.Security.Cryptography;

namespace MpkiConnector.Gateway.Spool;

/// <summary>
/// Writes files so that a crash leaves either the whole new file or none: temp file (mode 0600), flush to disk, atomic
/// rename, flush of the folder. Temp files are named <c>.tmp-TOKEN</c> (see <see cref="SpoolOwner"/>) so that a later run
/// can remove the ones a kill left behind.
/// </summary>
internal static class DurableFile
{
    public const string TempPrefix = ".tmp-";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="folder"/> (and missing parents) readable by the owner only.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
    }

    /// <summary>
    /// Writes a new file in <paramref name="folder"/> named <paramref name="fileName"/>, or with a numbered suffix when
    /// that name is taken; returns the path written. <paramref name="beforeRename"/>, when given, learns the target and
    /// the SHA-256 (hex) of the content just before the rename makes the file visible.
    /// </summary>
    public static async Task<string> WriteNewAsync(
        string folder,
        string fileName,
        Func<Stream, CancellationToken, Task> write,
        Func<string, string, CancellationToken, Task>? beforeRename = null,
        CancellationToken cancellationToken = default)
    {
        var temp = await WriteTempAsync(folder, write, cancellationToken).ConfigureAwait(false);
        try
        {
            var hash = beforeRename is null ? null : await HashAsync(temp, cancellationToken).ConfigureAwait(false);
            var stem = Path.GetFileNameWithoutExtension(fileName);
            var extension = Path.GetExtension(fileName);
            for (var n = 0; ; n++)
            {
                var target = Path.Combine(folder, n == 0 ? fileName : $"{stem}-{n}{extension}");
                if (File.Exists(target))
                {
                    continue;
                }

                if (beforeRename is not null)
                {
                    await beforeRename(target, hash!, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    File.Move(temp, target, overwrite: false);
                    SpoolNativeMethods.SyncFolder(folder);
                    return target;
                }
                catch (IOException) when (File.Exists(target))
                {
                    // Taken by a concurrent writer between the check and the move: try the next name.
                }
            }
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes or replaces <paramref name="path"/> atomically.</summary>
    public static async Task ReplaceAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = await WriteTempAsync(folder, write, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(temp, path, overwrite: true);
            SpoolNativeMethods.SyncFolder(folder);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The SHA-256 of a file, lower-case hex.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Removes the temp files in <paramref name="folder"/> that a killed process left behind.</summary>
    public static void RemoveStaleTemps(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var temp in Directory.EnumerateFiles(folder, TempPrefix + "*"))
        {
            if (SpoolOwner.IsStale(Path.GetFileName(temp)[TempPrefix.Length..], tracked: false))
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>Deletes a file if it is there.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<string> WriteTempAsync(string folder, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        CreateFolder(folder);
        var temp = Path.Combine(folder, TempPrefix + SpoolOwner.NewToken(track: false));
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }

            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            return temp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }
}
