using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Sectigo;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

/// <summary>A gateway over a temp folder: a configuration file written from <see cref="Config"/>, a fresh SQLite store and KEK.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string Kek = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>A gateway on a fake clock (<see cref="Time"/>), as unit tests use it.</summary>
    public GatewayHarness()
        : this(FakeClock.Now())
    {
    }

    /// <summary>A gateway on <paramref name="clock"/>: integration tests with real servers pass <see cref="TimeProvider.System"/>.</summary>
    public GatewayHarness(TimeProvider clock)
    {
        Clock = clock;
        Config = new JsonObject
        {
            ["Providers"] = new JsonObject(),
            ["Domains"] = new JsonArray(),
            ["Store"] = new JsonObject { ["Path"] = "data/mpki.db" },
            ["KeyEncryptionKey"] = "env:TEST_KEK",
            ["Renewal"] = new JsonObject { ["JitterWindow"] = "00:00:00", ["CheckJitter"] = "00:00:00" },
            ["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:01:00" },
        };
        Environment["TEST_KEK"] = Kek;
    }

    public TempDirectory Temp { get; } = new("mpki-gw");

    public TimeProvider Clock { get; }

    /// <summary>The fake clock: it moves only when a test advances it (<see cref="FakeClock.AdvanceUntilDoneAsync"/>).</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time =>
        Clock as Microsoft.Extensions.Time.Testing.FakeTimeProvider ?? throw new InvalidOperationException("This harness runs on the real clock.");

    public JsonObject Config { get; }

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public GatewayBuildOptions Build { get; } = NewBuild();

    public MpkiGateway? Gateway { get; private set; }

    public string Spool => Temp.Combine("data", "spool");

    public string Outbox => Temp.Combine("data", "outbox");

    public string Deferred => Temp.Combine("data", "deferred");

    public string Rejected => Temp.Combine("data", "rejected");

    public GatewayHarness WithFakeProvider(string name = "fake", int maxConcurrent = 4)
    {
        Config["Providers"]![name] = new JsonObject { ["Type"] = "fake", ["MaxConcurrentIssuances"] = maxConcurrent };
        return this;
    }

    public GatewayHarness WithDomain(string domain, string provider, string keyAlgorithm = "EcdsaP256", int? termDays = null, int? overlapDays = null)
    {
        var node = new JsonObject { ["Domain"] = domain, ["Provider"] = provider, ["KeyAlgorithm"] = keyAlgorithm };
        if (termDays is { } term)
        {
            node["TermDays"] = term;
        }

        if (overlapDays is { } overlap)
        {
            node["OverlapDays"] = overlap;
        }

        Config["Domains"]!.AsArray().Add(node);
        return this;
    }

    public MpkiGateway Start()
    {
        var path = Temp.Combine("gateway.json");
        File.WriteAllText(path, Config.ToJsonString());
        Build.Environment = Environment;
        Build.TimeProvider ??= Clock;
        Gateway = MpkiGateway.Create(path, Build);
        Directory.CreateDirectory(Spool);
        return Gateway;
    }

    /// <summary>The build options of every test gateway: fast polls, and the CLI's built-in types (fake, emulator) as factories.</summary>
    private static GatewayBuildOptions NewBuild()
    {
        var build = new GatewayBuildOptions { ConfigureIssuance = o => { o.PollInterval = TimeSpan.FromMilliseconds(100); o.InitialBackoff = TimeSpan.FromMilliseconds(100); } };
        build.ProviderFactories.Add(new FakeMpkiProviderFactory());
        build.ProviderFactories.Add(new SectigoMpkiProviderFactory(SectigoMpkiProviderFactory.EmulatorType));
        return build;
    }

    public FakeMpkiProvider Fake(string name = "fake") =>
        (FakeMpkiProvider)Gateway!.Services.GetRequiredService<IMpkiProviderCatalog>().Get(name);

    public string WriteMail(string name, string from, string to, string subject = "Hello", string body = "Hello there.\r\n", string? folder = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var recipient in to.Split(','))
        {
            message.To.Add(MailboxAddress.Parse(recipient.Trim()));
        }

        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        message.Body = new TextPart("plain") { Text = body };
        var path = Path.Combine(folder ?? Spool, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        message.WriteTo(path);
        return path;
    }

    public static MimeMessage Load(string path) => MimeMessage.Load(path);

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Temp.Dispose();
    }
}
