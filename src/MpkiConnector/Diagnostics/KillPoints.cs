using System.Diagnostics;
using System.Globalization;

namespace MpkiConnector.Diagnostics;

/// <summary>
/// For crash tests only: with the environment variable <c>MPKI_TEST_KILL_AT=NAME</c> (or <c>NAME#N</c>) the process kills
/// itself (SIGKILL: no clean-up, no flush) the first (or N-th) time it reaches the durable step <c>NAME</c>. Unset, each
/// call is one comparison. The steps: <c>spool.before-write</c>, <c>spool.written</c>, <c>spool.before-remove</c>,
/// <c>spool.removed</c>, and <c>journal.ACTION.before</c> / <c>journal.ACTION.after</c> around each journal step with its
/// audit entries (ACTION: <c>order.intent</c>, <c>order.submitting</c>, <c>order.submitted</c>, <c>certificate.issued</c>...).
/// </summary>
public static class KillPoints
{
    /// <summary>The environment variable that names the step.</summary>
    public const string Variable = "MPKI_TEST_KILL_AT";

    private static readonly (string Name, int Count)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int _reached;

    /// <summary>Kills the process when <paramref name="step"/> is the named step (the N-th time).</summary>
    public static void Reach(string step)
    {
        if (Target is { } target && string.Equals(target.Name, step, StringComparison.Ordinal) && Interlocked.Increment(ref _reached) == target.Count)
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var hash = value.IndexOf('#', StringComparison.Ordinal);
        return hash < 0
            ? (value.Trim(), 1)
            : (value[..hash].Trim(), int.Parse(value[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
