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
            await WaitUntilAsync(() => Delivered().Select(d => d.Id).Distinct().Count() >= messages.Count && SpoolFiles().Length == 0, serve);
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
        var byClient = duplicates.Count(d => submitter.Interrupted.ContainsKey(d.Key));
        var byRelay = duplicates.Count(d => !submitter.Interrupted.ContainsKey(d.Key) && kills.Any(k => k > d.Value[0] && k < d.Value[^1]));
        log.WriteLine($"{messages.Count} messages, {kills.Count} kills, {submitter.Interrupted.Count} sessions broken by a kill, {duplicates.Length} delivered twice ({byClient} whose 250 the kill swallowed, {byRelay} whose relay the kill interrupted)");
        Assert.Equal(duplicates.Length, byClient + byRelay); // no duplicate a kill does not explain
        Assert.All(duplicates, d => Assert.Equal(2, d.Value.Length));
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
