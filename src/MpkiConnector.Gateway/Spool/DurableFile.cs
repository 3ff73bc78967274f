namespace MpkiConnector.Gateway.Spool;

/// <summary>Writes files so that a crash leaves either the whole new file or none: temp file, flush to disk, atomic rename.</summary>
internal static class DurableFile
{
    /// <summary>
    /// Writes a new file in <paramref name="folder"/> named <paramref name="fileName"/>, or with a numbered suffix when
    /// that name is taken; returns the path written.
    /// </summary>
    public static async Task<string> WriteNewAsync(string folder, string fileName, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        var temp = await WriteTempAsync(folder, write, cancellationToken).ConfigureAwait(false);
        try
        {
            var stem = Path.GetFileNameWithoutExtension(fileName);
            var extension = Path.GetExtension(fileName);
            for (var n = 0; ; n++)
            {
                var target = Path.Combine(folder, n == 0 ? fileName : $"{stem}-{n}{extension}");
                if (File.Exists(target))
                {
                    continue;
                }

                try
                {
                    File.Move(temp, target, overwrite: false);
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
        }
        catch
        {
            TryDelete(temp);
            throw;
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
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".tmp-{Guid.NewGuid():N}");
        try
        {
            var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            });
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
