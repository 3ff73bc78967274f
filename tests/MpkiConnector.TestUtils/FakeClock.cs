using Microsoft.Extensions.Time.Testing;

namespace MpkiConnector.TestUtils;

/// <summary>
/// Drives work that waits on a <see cref="FakeTimeProvider"/>: while the task runs, the fake clock moves on by one step
/// each time the other threads have had a moment, so no test waits for the real clock (a hold of 30 s takes no 30 s).
/// </summary>
public static class FakeClock
{
    /// <summary>A clock at the real present (certificates it dates are valid to real-time checks such as OpenSSL's).</summary>
    public static FakeTimeProvider Now() => new(DateTimeOffset.UtcNow);

    /// <summary>Advances <paramref name="time"/> by <paramref name="step"/> until <paramref name="task"/> finishes, at most <paramref name="maxSteps"/> times.</summary>
    public static async Task<T> AdvanceUntilDoneAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 10_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(task);
        for (var steps = 0; !task.IsCompleted; steps++)
        {
            if (steps == maxSteps)
            {
                throw new TimeoutException($"The task did not finish within {maxSteps} steps of {step} on the fake clock.");
            }

            // A real millisecond lets the work's continuations run; then the fake clock fires whatever is due.
            await Task.WhenAny(task, Task.Delay(1)).ConfigureAwait(false);
            if (!task.IsCompleted)
            {
                time.Advance(step);
            }
        }

        return await task.ConfigureAwait(false);
    }
}
