using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MpkiConnector.Gateway.Spool;

/// <summary>
/// Names work that belongs to this process: a token <c>PID-INSTANCE-N</c> in the name of a claimed input or a temp
/// file. A token is stale when its process is gone, when it is from an earlier process with this process's id (a
/// restarted container), or when this process no longer works on it: then the file is left over from a kill.
/// </summary>
internal static class SpoolOwner
{
    private static readonly int ProcessId = Environment.ProcessId;
    private static readonly string Instance = Guid.NewGuid().ToString("N")[..8];
    private static readonly ConcurrentDictionary<string, byte> Active = new(StringComparer.Ordinal);

    /// <summary>A new token; with <paramref name="track"/> it counts as in use until <see cref="Release"/>.</summary>
    public static string NewToken(bool track)
    {
        var token = string.Create(CultureInfo.InvariantCulture, $"{ProcessId}-{Instance}-{Guid.NewGuid():N}");
        if (track)
        {
            Active[token] = 0;
        }

        return token;
    }

    /// <summary>This process no longer works on <paramref name="token"/>.</summary>
    public static void Release(string token) => Active.TryRemove(token, out _);

    /// <summary>Whether the work named by <paramref name="token"/> was left by a process that is gone (or by this one, untracked).</summary>
    public static bool IsStale(string token, bool tracked)
    {
        var parts = token.Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false; // not ours
        }

        if (pid == ProcessId)
        {
            return !string.Equals(parts[1], Instance, StringComparison.Ordinal) || (tracked && !Active.ContainsKey(token));
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
