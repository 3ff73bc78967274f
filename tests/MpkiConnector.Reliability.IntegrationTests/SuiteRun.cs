using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MpkiConnector.Cli.Tests;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Reliability.Tests;

/// <summary>
/// One suite's world: the SCM emulator over HTTP on 127.0.0.1 (with a canary password), a configuration with a canary KEK
/// from the environment, one SQLite store and per-gateway folders; gateways run as separate <c>mpki</c> processes.
/// </summary>
internal sealed class SuiteRun : IAsyncDisposable
{
    public const string CanaryPassword = "canary-Pa55-reliab-5e1f0c7a";
    private const string KekVariable = "MPKI_SUITE_KEK";

    private SuiteRun(TempDirectory folder, RunningEmulator emulator, int seed)
    {
        Folder = folder;
        Emulator = emulator;
        Seed = seed;
        Kek = RandomNumberGenerator.GetBytes(32);
        Environment = new Dictionary<string, string>
        {
            ["MPKI__Providers__emulator__Password"] = CanaryPassword,
            [KekVariable] = Convert.ToBase64String(Kek),
        };
    }

    public TempDirectory Folder { get; }

    public RunningEmulator Emulator { get; }

    public int Seed { get; }

    public byte[] Kek { get; }

    public string KekBase64 => Convert.ToBase64String(Kek);

    public IReadOnlyDictionary<string, string> Environment { get; }

    public string Database => Folder.Combine("mpki.db");

    /// <summary>The seed from <c>MPKI_SUITE_SEED</c> (to replay a failure) or a new one.</summary>
    public static int NextSeed() =>
        int.TryParse(System.Environment.GetEnvironmentVariable("MPKI_SUITE_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : RandomNumberGenerator.GetInt32(1, int.MaxValue);

    /// <summary>A number from the environment, else <paramref name="fallback"/>.</summary>
    public static int Setting(string variable, int fallback) =>
        int.TryParse(System.Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public static async Task<SuiteRun> StartAsync(int seed, int latencyMilliseconds = 0)
    {
        var folder = new TempDirectory("mpki-reliability");
        var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Customers.SelectMany(c => c.Accounts).ToList().ForEach(a => a.Password = CanaryPassword);
            o.Behavior.LatencyMilliseconds = latencyMilliseconds;
        });
        return new SuiteRun(folder, emulator, seed);
    }

    public string FolderOf(string gateway, string name) => Folder.Combine(gateway, name);

    /// <summary>Writes the configuration of one gateway (its own folders, or <paramref name="sharedSpool"/>); returns its path.</summary>
    public string WriteConfig(string gateway, string? sharedSpool = null, int maxConcurrentMessages = 8)
    {
        var config = GatewayConfigFile.Sample(Folder, Emulator.BaseAddress);
        config["KeyEncryptionKey"] = "env:" + KekVariable;
        config["Store"] = new JsonObject { ["Path"] = Database };
        config["MaxConcurrentMessages"] = maxConcurrentMessages;
        config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:10", ["HoldFallback"] = "Defer", ["DeferRetryInterval"] = "00:00:01" };
        config["Issuance"] = new JsonObject { ["IntentLease"] = "00:00:03" }; // a killed process's intent is taken over after 3 s, not 2 min
        config["Folders"] = new JsonObject
        {
            ["Spool"] = sharedSpool ?? FolderOf(gateway, "spool"),
            ["Outbox"] = FolderOf(gateway, "outbox"),
            ["Deferred"] = FolderOf(gateway, "deferred"),
            ["Rejected"] = FolderOf(gateway, "rejected"),
        };
        foreach (var name in new[] { "spool", "outbox", "deferred", "rejected" })
        {
            Directory.CreateDirectory(FolderOf(gateway, name));
        }

        return GatewayConfigFile.Write(Folder, config, gateway + ".json");
    }

    public GatewayProcess Start(string config, bool once, string? killAt = null) => GatewayProcess.Start(config, Environment, once, killAt);

    /// <summary>
    /// Runs <c>gateway run --once</c> until the spool and the deferred folder of <paramref name="gateway"/> are empty (each
    /// run must exit 0); returns how many runs it took.
    /// </summary>
    public async Task<int> FinishAsync(string config, string gateway, string? spool = null, int maxRuns = 20)
    {
        for (var run = 1; run <= maxRuns; run++)
        {
            using var process = Start(config, once: true);
            var exit = await process.WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, $"gateway run --once exited {exit}: {string.Join(System.Environment.NewLine, GatewayProcess.Output.TakeLast(20))}");
            if (Pending(gateway, spool) == 0)
            {
                return run;
            }

            await Task.Delay(1500); // the deferred retry interval, and the intent lease of a killed process
        }

        return maxRuns;
    }

    /// <summary>Messages still in the spool or deferred.</summary>
    public int Pending(string gateway, string? spool = null) =>
        Directory.GetFiles(spool ?? FolderOf(gateway, "spool"), "*.eml*").Length + Directory.GetFiles(FolderOf(gateway, "deferred"), "*.eml").Length;

    /// <summary>Orders at the CA per requested address.</summary>
    public async Task<Dictionary<string, int>> OrdersAtCaAsync()
    {
        var orders = await Emulator.Emulator.GetOrdersAsync(Emulator.CustomerUri);
        return orders.GroupBy(o => o.Email ?? "?", StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Folder.Dispose();
    }
}
