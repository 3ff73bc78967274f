using System.Globalization;
using Spectre.Console;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>
/// Shows progress of long work: a Spectre.Console progress bar at a terminal, plain lines when output is redirected
/// or in CI, nothing in JSON mode. The work reports nothing itself: progress is measured (for example, messages left
/// in the spool) while it runs.
/// </summary>
internal static class CliProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static async Task<T> RunAsync<T>(CliIo io, bool quiet, string description, int total, Func<int> measureDone, Func<Task<T>> work)
    {
        if (quiet || total <= 0)
        {
            return await work().ConfigureAwait(false);
        }

        if (io.Interactive)
        {
            T result = default!;
            await io.Console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(description, maxValue: total);
                    var running = work();
                    while (!running.IsCompleted)
                    {
                        task.Value = Math.Min(total, measureDone());
                        await Task.WhenAny(running, Task.Delay(200)).ConfigureAwait(false);
                    }

                    task.Value = total;
                    result = await running.ConfigureAwait(false);
                }).ConfigureAwait(false);
            return result;
        }

        var job = work();
        var last = -1;
        while (!job.IsCompleted)
        {
            await Task.WhenAny(job, Task.Delay(PlainInterval)).ConfigureAwait(false);
            var done = Math.Min(total, measureDone());
            if (!job.IsCompleted && done != last)
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {description}: {done}/{total}"));
                last = done;
            }
        }

        return await job.ConfigureAwait(false);
    }
}
