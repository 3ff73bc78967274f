using BenchmarkDotNet.Attributes;
using MailKit.Security;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Gateway.Tests;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Benchmarks;

/// <summary>
/// Messages per second through <c>gateway serve</c> (MailKit client -> SMTP in -> pipeline -> relay -> a capturing
/// next hop, all on loopback) against the folder pipeline (<c>gateway run --once</c> over the same messages written to
/// the spool), signed only and signed + encrypted; the folder pipeline is the baseline, so the Ratio column is the
/// cost of SMTP in and out. Each operation is one message (a batch of <see cref="Batch"/> per invocation, over <see cref="Connections"/> connections).
/// </summary>
[InProcess] // see SigningBenchmarks
[WarmupCount(1)]
[IterationCount(5)]
public class SmtpThroughputBenchmarks
{
    private const int Batch = 50;

    // Connections at once, as an MTA opens them (Postfix's content filter transport above allows 10); the folder
    // pipeline processes MaxConcurrentMessages (8) at once.
    private const int Connections = 10;
    private GatewayHarness? _folder;
    private MpkiGateway? _folderGateway;
    private SmtpGatewayHarness? _smtp;
    private CapturingSmtpServer? _nextHop;

    /// <summary>Whether the recipient's certificate is known, so the message is signed and encrypted.</summary>
    [Params(false, true)]
    public bool Encrypt { get; set; }

    /// <summary>Connections the relay opens to the next hop (Smtp.RelayConcurrency); the folder pipeline does not use it.</summary>
    [Params(1, 4)]
    public int RelayConcurrency { get; set; }

    private string Recipient => Encrypt ? "bob@example.com" : "bob@partner.test";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "folder pipeline (spool -> outbox)")]
    public async Task Folder()
    {
        for (var i = 0; i < Batch; i++)
        {
            _folder!.WriteMail($"m{i:D3}.eml", "alice@example.com", Recipient, body: Body);
        }

        await _folderGateway!.ProcessOnceAsync();
        foreach (var file in Directory.GetFiles(_folder!.Outbox))
        {
            File.Delete(file);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "gateway serve (SMTP in -> pipeline -> SMTP out)")]
    public async Task Smtp()
    {
        var before = _nextHop!.Messages.Count;
        await Parallel.ForAsync(0, Connections, async (_, _) =>
        {
            using var client = await _smtp!.ConnectAsync(SecureSocketOptions.None);
            for (var i = 0; i < Batch / Connections; i++)
            {
                await client.SendAsync(SmtpGatewayHarness.Mail("alice@example.com", Recipient, Body));
            }

            await client.DisconnectAsync(true);
        });
        await _nextHop.WaitForAsync(before + Batch);
        _nextHop.Messages.Clear();
    }

    private static string Body { get; } = string.Concat(Enumerable.Repeat("Twenty kilobytes of body text, line by line.\r\n", 440));

    private async Task SetupAsync()
    {
        _folder = new GatewayHarness(TimeProvider.System).WithFakeProvider().WithDomain("example.com", "fake");
        _folderGateway = _folder.Start();
        await IssueAsync(_folder, _folderGateway);

        _smtp = new SmtpGatewayHarness();
        _smtp.Gateway.Config["MaxConcurrentMessages"] = 8;
        _smtp.Smtp["RelayConcurrency"] = RelayConcurrency;
        var gateway = _smtp.Gateway.Start();
        await IssueAsync(_smtp.Gateway, gateway);
        await gateway.DisposeAsync();
        _nextHop = await CapturingSmtpServer.StartAsync(_smtp.NextHopPort);
        await _smtp.StartAsync();
    }

    // Certificates for alice (the sender) and bob (the recipient, so that encryption is possible) before measuring.
    private static async Task IssueAsync(GatewayHarness harness, MpkiGateway gateway)
    {
        harness.WriteMail("alice.eml", "alice@example.com", "someone@partner.test");
        harness.WriteMail("bob.eml", "bob@example.com", "someone@partner.test");
        await gateway.ProcessOnceAsync();
        foreach (var file in Directory.GetFiles(harness.Outbox))
        {
            File.Delete(file);
        }
    }

    private async Task CleanupAsync()
    {
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        if (_nextHop is not null)
        {
            await _nextHop.DisposeAsync();
        }

        if (_folder is not null)
        {
            await _folder.DisposeAsync();
        }
    }
}
