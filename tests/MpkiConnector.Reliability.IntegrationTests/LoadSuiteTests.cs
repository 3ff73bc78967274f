using System.Diagnostics;
using MpkiConnector.TestUtils;
using Xunit.Abstractions;

namespace MpkiConnector.Reliability.Tests;

/// <summary>
/// Issue 17, load: a burst from many first-seen senders through one <c>mpki gateway run</c> against the emulator at a
/// realistic latency; none lost or duplicated, orders == senders, the process's peak memory reported and bounded. The
/// default (1,000 messages from 100 senders) keeps the test command bounded on a 2-core machine: 2,000 from 200 took
/// 295 s there with the machine shared (load average 45; 7 messages/s, peak 236 MiB), so the full size,
/// <c>MPKI_LOAD_MESSAGES=20000 MPKI_LOAD_SENDERS=2000</c>, runs only on request.
/// </summary>
public sealed class LoadSuiteTests(ITestOutputHelper output)
{
    private const long MemoryBound = 1L << 30; // 1 GiB

    [Fact]
    public async Task GatewayRun_BurstFromManyNewSendersAtRealisticLatency_NoneLostOrDuplicatedOrdersEqualSenders()
    {
        var seed = SuiteRun.NextSeed();
        var messages = SuiteRun.Setting("MPKI_LOAD_MESSAGES", 1000);
        var senders = SuiteRun.Setting("MPKI_LOAD_SENDERS", 100);
        var latency = SuiteRun.Setting("MPKI_LOAD_LATENCY_MS", 150);
        await using var run = await SuiteRun.StartAsync(seed, latency);
        var config = run.WriteConfig("gw", maxConcurrentMessages: 32);
        var expected = MailBurst.Write([run.FolderOf("gw", "spool")], seed, messages, senders);
        var watch = Stopwatch.StartNew();

        using var process = run.Start(config, once: true);
        var peak = 0L;
        var wait = process.WaitAsync(TimeSpan.FromMinutes(30));
        while (!wait.IsCompleted)
        {
            peak = Math.Max(peak, process.PeakWorkingSet());
            await Task.WhenAny(wait, Task.Delay(200));
        }

        var exit = await wait;
        var first = watch.Elapsed;
        var runs = 1 + await run.FinishAsync(config, "gw");
        var (delivered, duplicates, missing, changed, unsigned) = SuiteChecks.Deliveries(expected, [run.FolderOf("gw", "outbox")]);
        var orders = await run.OrdersAtCaAsync();
        SuiteFigures.Report(output, $"load: seed {seed}, messages {messages}, senders {senders}, CA latency {latency} ms, first run {first.TotalSeconds:0} s " +
            $"({messages / Math.Max(1, first.TotalSeconds):0} msg/s), runs {runs}, total {watch.Elapsed.TotalSeconds:0} s, delivered {delivered}, duplicates {duplicates}, " +
            $"missing {missing}, orders at the CA {orders.Values.Sum()}, peak memory {peak / (1024 * 1024)} MiB");

        Assert.Equal(0, exit);
        Assert.Equal((messages, 0, 0, 0, 0), (delivered, duplicates, missing, changed, unsigned));
        Assert.Equal(senders, orders.Count);
        Assert.All(orders, o => Assert.True(o.Value == 1, $"{o.Key}: {o.Value} orders at the CA"));
        Assert.InRange(peak, 1, MemoryBound);
    }
}
