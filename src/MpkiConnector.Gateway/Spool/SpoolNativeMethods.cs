using System.Runtime.InteropServices;

namespace MpkiConnector.Gateway.Spool;

/// <summary>libc calls .NET does not offer: rename(2) of any kind of entry, and fsync(2) of a folder.</summary>
internal static partial class SpoolNativeMethods
{
    private const int ErrnoNoEntry = 2;

    /// <summary>Renames any entry (file, link, FIFO, folder) atomically; false when the source is gone.</summary>
    /// <exception cref="IOException">For any other failure.</exception>
    public static bool TryRename(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                if (Directory.Exists(source))
                {
                    Directory.Move(source, target);
                }
                else
                {
                    File.Move(source, target, overwrite: false);
                }

                return true;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return false;
            }
        }

        if (Rename(source, target) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == ErrnoNoEntry ? false : throw new IOException($"rename failed with errno {errno}.");
    }

    /// <summary>Flushes a folder's entries (renames, creations, removals) to disk; best effort.</summary>
    public static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(folder, 0);
        if (fd < 0)
        {
            return;
        }

        _ = Fsync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Rename(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
