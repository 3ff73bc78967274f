using System.Globalization;
using System.Text.Json.Nodes;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.TestUtils;
using Xunit.Abstractions;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// <c>mpki gateway serve</c> as its own process with the emulator behind it and a catcher as the next hop: SIGKILLed at
/// random moments, the next hop down for a while, SIGTERM with a message in flight.
/// </summary>
public sealed class GatewayServeProcessTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly int _port = LoopbackPort.Next();
    private readonly int _hopPort = LoopbackPort.Next();
    private readonly List<CapturingSmtpServer> _hops = [];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private RunningEmulator? _emulator;
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        var config = GatewayConfigFile.Sample(_folder, _emulator.BaseAddress);
        config["Smtp"] = new JsonObject
        {
            ["Listen"] = $"127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}",
            ["DrainTimeout"] = "00:00:10",
            ["NextHop"] = new JsonObject
            {
                ["Host"] = "127.0.0.1",
                ["Port"] = _hopPort,
                ["StartTls"] = "None",
                ["RetryDelay"] = "00:00:00.200",
                ["MaxRetryDelay"] = "00:00:01",
            },
        };
        _config = GatewayConfigFile.Write(_folder, config);
        _environment[GatewayConfigFile.KekVariable] = Environment.GetEnvironmentVariable(GatewayConfigFile.KekVariable)!;
        _environment[ProviderPasswordScope.Variable] = _emulator.Password;
    }

    public async Task DisposeAsync()
    {
        foreach (var hop in _hops)
        {
            await hop.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task Serve_SigkilledAtRandomMoments_EveryAcceptedMessageDeliveredDuplicatesOnlyWhereAKillInterruptedAndSpoolEmpty()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MPKI_KILL_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        log.WriteLine($"kill seed {seed} (rerun with MPKI_KILL_SEED={seed})");
        var random = new Random(seed);
        await StartHopAsync();
        var messages = Mails(60);
        var submitter = new SmtpSubmitter(_port, messages);
        var serve = await StartServeAsync();
        var kills = new List<DateTime>();
        try
        {
            var sending = submitter.RunAsync(clients: 3, TimeSpan.FromMinutes(4));
            for (var k = 0; k < 5; k++)
            {
                await Task.Delay(random.Next(300, 2500));
                kills.Add(DateTime.UtcNow);
                await serve.KillAsync();
                serve.Dispose();
                await Task.Delay(random.Next(0, 400));
                serve = await StartServeAsync();
            }

            await sending;
            // Up to 3 minutes: longer than MailKit's 2-minute command timeout, should a relay connection hang on a loaded machine.
            await WaitUntilAsync(() => Delivered().Select(d => d.Id).Distinct().Count() >= messages.Count && SpoolFiles().Length == 0, serve, seconds: 180);
            await serve.TerminateAsync();
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, serve.Output);
        }
        finally
        {
            serve.Dispose();
        }

        var ids = messages.Select(m => m.MessageId!).ToHashSet(StringComparer.Ordinal);
        var delivered = Delivered().GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(d => d.At).Order().ToArray(), StringComparer.Ordinal);
        Assert.Equal(ids.Order(StringComparer.Ordinal), submitter.Accepted.Order(StringComparer.Ordinal)); // each was answered 250 in the end
        Assert.DoesNotContain(ids, id => !delivered.ContainsKey(id)); // none lost
        Assert.DoesNotContain(delivered.Keys, id => !ids.Contains(id));
        var duplicates = delivered.Where(d => d.Value.Length > 1).ToArray();
        // A kill explains a second copy when it came between the first copy and the last, or just before the first (the
        // kill is timed when it is sent; the relay may still finish handing the message over before the process dies).
        int Explained(string id, DateTime[] at) => submitter.Interrupted.GetValueOrDefault(id) + kills.Count(k => k > at[0].AddSeconds(-1) && k < at[^1]);
        var byClient = duplicates.Count(d => submitter.Interrupted.ContainsKey(d.Key));
        log.WriteLine($"{messages.Count} messages, {kills.Count} kills, {submitter.Interrupted.Count} messages whose session a kill broke, {duplicates.Length} delivered more than once ({byClient} of them had their 250 swallowed by a kill, the others their relay interrupted)");
        Assert.All(duplicates, d => Assert.True(d.Value.Length <= 1 + Explained(d.Key, d.Value), $"{d.Key}: delivered {d.Value.Length} times, only {Explained(d.Key, d.Value)} interruption(s) explain copies"));
        Assert.Empty(SpoolFiles());
        Assert.False(Directory.Exists(_folder.Combine("rejected")) && Directory.EnumerateFiles(_folder.Combine("rejected")).Any());
    }

    [Fact]
    public async Task Serve_NextHopDownForAWhile_EveryMessageDeliveredExactlyOnce()
    {
        var messages = Mails(12);
        var serve = await StartServeAsync();
        try
        {
            var submitter = new SmtpSubmitter(_port, messages);
            await submitter.RunAsync(clients: 2, TimeSpan.FromMinutes(2));
            Assert.Equal(messages.Count, submitter.Accepted.Count);
            Assert.Empty(submitter.Interrupted);
            await Task.Delay(2000); // relay attempts fail meanwhile: the next hop is down
            Assert.Equal(messages.Count, Directory.GetFiles(_folder.Combine("outbox"), "*.eml").Length);

            await StartHopAsync();
            await WaitUntilAsync(() => Delivered().Count >= messages.Count && SpoolFiles().Length == 0, serve);
            await Task.Delay(1000); // a second copy would show up now
            await serve.TerminateAsync();
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, serve.Output);
        }
        finally
        {
            serve.Dispose();
        }

        Assert.Equal(messages.Select(m => m.MessageId!).Order(StringComparer.Ordinal), Delivered().Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(_hops[0].Messages, m => Assert.IsType<MultipartSigned>(MimeMessage.Load(new MemoryStream(m.Data)).Body));
    }

    [Fact]
    public async Task Serve_SigtermWithDataHalfSentAndAnIdleSession_DataAnswered250IdleGets421DeliveredBeforeExit()
    {
        await StartHopAsync();
        var serve = await StartServeAsync();
        try
        {
            var first = new SmtpSubmitter(_port, Mails(1)); // anna's certificate is issued now: the message in flight is only signed
            await first.RunAsync(clients: 1, TimeSpan.FromMinutes(2));
            using var idle = await RawSmtpSession.ConnectAsync(_port);
            Assert.StartsWith("250", await idle.CommandAsync("EHLO idle.test"), StringComparison.Ordinal);
            using var busy = await RawSmtpSession.ConnectAsync(_port);
            Assert.StartsWith("250", await busy.CommandAsync("EHLO busy.test"), StringComparison.Ordinal);
            Assert.StartsWith("250", await busy.CommandAsync("MAIL FROM:<anna.adler@example.com>"), StringComparison.Ordinal);
            Assert.StartsWith("250", await busy.CommandAsync("RCPT TO:<zoe@partner.test>"), StringComparison.Ordinal);
            Assert.StartsWith("354", await busy.CommandAsync("DATA"), StringComparison.Ordinal);
            await busy.WriteAsync("From: anna.adler@example.com\r\nTo: zoe@partner.test\r\nMessage-ID: <in-flight@example.com>\r\nSubject: in flight\r\n\r\n");

            await serve.TerminateAsync();
            await Task.Delay(1500); // the stop has begun: the transaction is waited for, a new one is refused

            Assert.False(serve.HasExited, serve.Output);
            using (var late = await RawSmtpSession.ConnectAsync(_port))
            {
                Assert.StartsWith("250", await late.CommandAsync("EHLO late.test"), StringComparison.Ordinal);
                Assert.StartsWith("421", await late.CommandAsync("MAIL FROM:<anna.adler@example.com>"), StringComparison.Ordinal);
            }

            await busy.WriteAsync("Sent while the gateway stops.\r\n.\r\n");
            Assert.StartsWith("250", await busy.ReadReplyAsync(), StringComparison.Ordinal);
            Assert.StartsWith("421 4.3.2", await idle.ReadReplyAsync(), StringComparison.Ordinal);
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(25)) == 0, serve.Output);
            await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => RawSmtpSession.ConnectAsync(_port));
        }
        finally
        {
            serve.Dispose();
        }

        Assert.Equal(2, Delivered().Count);
        Assert.Contains(Delivered(), d => d.Id == "in-flight@example.com");
        Assert.Empty(SpoolFiles());
    }

    private static List<MimeMessage> Mails(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(i % 2 == 0 ? "anna.adler@example.com" : "ben.berg@example.org"));
            message.To.Add(MailboxAddress.Parse($"r{i}@partner.test"));
            message.Subject = $"m{i}";
            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
            message.Body = new TextPart("plain") { Text = $"Message {i}.\r\n" };
            return message;
        }).ToList();

    private Task<GatewayServeProcess> StartServeAsync() => GatewayServeProcess.StartAsync(_config, _port, _environment);

    private async Task StartHopAsync() => _hops.Add(await CapturingSmtpServer.StartAsync(_hopPort));

    private List<(string Id, DateTime At)> Delivered() =>
        _hops.SelectMany(h => h.Messages).Select(m => (MimeMessage.Load(new MemoryStream(m.Data)).MessageId ?? string.Empty, m.ReceivedAt)).ToList();

    /// <summary>Every mail file left in the spool (the SMTP intake inside it too), the outbox and the deferred folder.</summary>
    private string[] SpoolFiles() =>
        new[] { "spool", "outbox", "deferred" }
            .Select(f => _folder.Combine(f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.GetFiles(f, "*", SearchOption.AllDirectories))
            .ToArray();

    private string State() =>
        $"delivered {Delivered().Count} ({Delivered().Select(d => d.Id).Distinct().Count()} distinct); left: {string.Join(", ", SpoolFiles().Select(f => Path.GetRelativePath(_folder.Path, f)))}";

    private async Task WaitUntilAsync(Func<bool> condition, GatewayServeProcess serve, int seconds = 90)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"The condition did not hold in time.\n{serve.Output}\n{State()}");
            await Task.Delay(100);
        }
    }
}
