using System.Diagnostics;
using MpkiConnector.TestUtils;
using Xunit.Abstractions;

namespace MpkiConnector.Reliability.Tests;

/// <summary>
/// Issue 17, two gateways on one SQLite database: two <c>mpki gateway run</c> processes at once, on one spool and on
/// separate spools; neither fails, every message is delivered exactly once, one order per sender reaches the CA.
/// </summary>
public sealed class TwoGatewaysTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GatewayRun_TwoProcessesOnOneDatabase_EveryMessageOnceOneOrderPerSender(bool oneSpool)
    {
        var seed = SuiteRun.NextSeed();
        var watch = Stopwatch.StartNew();
        var messages = SuiteRun.Setting("MPKI_TWO_GATEWAYS_MESSAGES", 160);
        const int Senders = 40;
        await using var run = await SuiteRun.StartAsync(seed);
        var shared = oneSpool ? run.Folder.Combine("shared-spool") : null;
        if (shared is not null)
        {
            Directory.CreateDirectory(shared);
        }

        var configs = new[] { run.WriteConfig("a", shared), run.WriteConfig("b", shared) };
        var spools = shared is not null ? [shared] : new[] { run.FolderOf("a", "spool"), run.FolderOf("b", "spool") };

        // Both spools hold mail of the same senders: the two processes race for every first certificate.
        var expected = MailBurst.Write(spools, seed, messages, Senders);
        var processes = configs.Select(c => run.Start(c, once: true)).ToArray();
        var exits = await Task.WhenAll(processes.Select(p => p.WaitAsync(TimeSpan.FromMinutes(3))));
        foreach (var process in processes)
        {
            process.Dispose();
        }

        var runs = 0;
        foreach (var (gateway, config) in new[] { ("a", configs[0]), ("b", configs[1]) })
        {
            runs += await run.FinishAsync(config, gateway, shared);
        }

        var outboxes = new[] { run.FolderOf("a", "outbox"), run.FolderOf("b", "outbox") };
        var (delivered, duplicates, missing, changed, unsigned) = SuiteChecks.Deliveries(expected, outboxes);
        var orders = await run.OrdersAtCaAsync();
        SuiteFigures.Report(output, $"two gateways ({(oneSpool ? "one spool" : "separate spools")}): seed {seed}, exits {string.Join("/", exits)}, messages {messages}, " +
            $"delivered {delivered} (a {Directory.GetFiles(outboxes[0]).Length}, b {Directory.GetFiles(outboxes[1]).Length}), duplicates {duplicates}, missing {missing}, " +
            $"senders {Senders}, orders at the CA {orders.Values.Sum()}, finishing runs {runs}, {watch.Elapsed.TotalSeconds:0} s");

        Assert.Equal(new[] { 0, 0 }, exits);
        Assert.Equal((messages, 0, 0, 0, 0), (delivered, duplicates, missing, changed, unsigned));
        Assert.Equal(Senders, orders.Count);
        Assert.All(orders, o => Assert.True(o.Value == 1, $"{o.Key}: {o.Value} orders at the CA"));
        Assert.Equal("ok", await SuiteChecks.IntegrityAsync(run.Database));
    }
}
