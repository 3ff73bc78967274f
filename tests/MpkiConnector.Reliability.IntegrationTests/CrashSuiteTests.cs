using System.Diagnostics;
using MpkiConnector.TestUtils;
using Xunit.Abstractions;

namespace MpkiConnector.Reliability.Tests;

/// <summary>
/// Issue 17, crash suite: <c>mpki gateway run</c> processes SIGKILLed at random moments and killed at each durable step
/// (<see cref="Diagnostics.KillPoints"/>) while a burst of first-seen senders goes through; then every input is delivered
/// exactly once, one order per sender reached the CA, every key opens, the database is whole. The run uses a canary
/// password and a canary KEK, and ends with the secrets scan. Seeded: <c>MPKI_SUITE_SEED</c> replays a run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CrashSuiteTests(ITestOutputHelper output)
{
    private static readonly string[] Steps =
    [
        "spool.before-write", "spool.written", "spool.before-remove", "spool.removed",
        "journal.order.intent.before", "journal.order.intent.after",
        "journal.order.submitting.before", "journal.order.submitting.after",
        "journal.order.submitted.before", "journal.order.submitted.after",
        "journal.certificate.issued.before", "journal.certificate.issued.after",
    ];

    [Fact]
    public async Task GatewayRun_KilledAtRandomAndAtEachDurableStep_EveryMessageOnceOneOrderPerSenderNoSecretLeaks()
    {
        var seed = SuiteRun.NextSeed();
        output.WriteLine($"crash suite: seed {seed} (replay with MPKI_SUITE_SEED={seed})");
        var watch = Stopwatch.StartNew();
        var random = new Random(seed);
        var randomKills = SuiteRun.Setting("MPKI_CRASH_KILLS", 20);
        const int SendersPerBurst = 3;
        const int MessagesPerBurst = 12;
        await using var run = await SuiteRun.StartAsync(seed);
        var config = run.WriteConfig("gw");
        var spool = run.FolderOf("gw", "spool");
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var senders = 0;

        void Burst()
        {
            // Each burst: new first-seen senders (numbered on), each with several messages.
            var sent = MailBurst.Write([spool], seed, MessagesPerBurst, SendersPerBurst, first: expected.Count, firstSender: senders);
            foreach (var (id, hash) in sent)
            {
                expected[id] = hash;
            }

            senders += SendersPerBurst;
        }

        // Kills injected at each durable step (the N-th time it is reached, N from the seed).
        var injected = 0;
        foreach (var step in Steps)
        {
            Burst();
            using var process = run.Start(config, once: true, killAt: $"{step}#{1 + random.Next(3)}");
            var exit = await process.WaitAsync(TimeSpan.FromMinutes(2));
            injected += exit == 0 ? 0 : 1;
            output.WriteLine($"  kill at {step}: exit {exit}");
        }

        // SIGKILLs at random moments of continuous runs.
        for (var kill = 0; kill < randomKills; kill++)
        {
            Burst();
            using var process = run.Start(config, once: false);
            await Task.Delay(TimeSpan.FromMilliseconds(300 + random.Next(2000)));
            await process.KillAsync();
        }

        // The finishing run's resume sweeps keys nothing owns once they are older than twice IntentLease (3 s here), at
        // least 30 s; a younger one may still belong to an intent being journaled, so the bound of the check is the sweep's.
        var sweepBound = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(31);
        var finishing = await run.FinishAsync(config, "gw");

        var (delivered, duplicates, missing, changed, unsigned) = SuiteChecks.Deliveries(expected, [run.FolderOf("gw", "outbox")]);
        var orders = await run.OrdersAtCaAsync();
        var integrity = await SuiteChecks.IntegrityAsync(run.Database);
        var (active, privateKeys) = await SuiteChecks.OpenActiveKeysAsync(run.Database, run.KekBase64);
        var orphans = await SuiteChecks.OrphanKeysAsync(run.Database, sweepBound);
        SuiteFigures.Report(output, $"crash suite: seed {seed}, kills {injected} injected + {randomKills} random, messages {expected.Count}, delivered {delivered}, " +
            $"duplicates {duplicates}, missing {missing}, changed {changed}, unsigned {unsigned}, senders {senders}, orders at the CA {orders.Values.Sum()} " +
            $"(max per sender {orders.Values.DefaultIfEmpty().Max()}), active certificates {active}, orphan keys older than the sweep bound {orphans}, " +
            $"integrity {integrity}, finishing runs {finishing}, {watch.Elapsed.TotalSeconds:0} s");

        Assert.True(injected >= Steps.Length / 2, $"only {injected} of {Steps.Length} injected kills happened");
        Assert.Equal((expected.Count, 0, 0, 0, 0), (delivered, duplicates, missing, changed, unsigned));
        Assert.Empty(Directory.GetFiles(run.FolderOf("gw", "rejected")));
        Assert.Equal(senders, orders.Count);
        Assert.All(orders, o => Assert.True(o.Value == 1, $"{o.Key}: {o.Value} orders at the CA"));
        Assert.Equal("ok", integrity);
        Assert.Equal(senders, active);
        Assert.Equal(0, orphans);
        SecretsScan.AssertNoLeaks(run, privateKeys, output);
    }
}
