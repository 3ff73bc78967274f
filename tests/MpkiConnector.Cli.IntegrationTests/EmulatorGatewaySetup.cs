using System.Text.Json.Nodes;
using MpkiConnector.Sectigo.Emulator;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// The setup of the CLI tests that run against the emulator: a running emulator, its password where the CLI reads it, and
/// a gateway configuration for it written into the test's folder (which the test keeps and deletes).
/// </summary>
internal sealed class EmulatorGatewaySetup : IAsyncDisposable
{
    private readonly ProviderPasswordScope _password;

    private EmulatorGatewaySetup(RunningEmulator emulator, string config)
    {
        Emulator = emulator;
        Config = config;
        _password = new ProviderPasswordScope(emulator.Password);
    }

    public RunningEmulator Emulator { get; }

    /// <summary>The path of the gateway configuration file.</summary>
    public string Config { get; }

    public static async Task<EmulatorGatewaySetup> StartAsync(TempDirectory folder, Action<ScmEmulatorOptions>? emulator = null, Action<JsonObject>? config = null)
    {
        var running = await RunningEmulator.StartAsync(emulator);
        var json = GatewayConfigFile.Sample(folder, running.BaseAddress);
        config?.Invoke(json);
        return new EmulatorGatewaySetup(running, GatewayConfigFile.Write(folder, json));
    }

    public async ValueTask DisposeAsync()
    {
        _password.Dispose();
        await Emulator.DisposeAsync();
    }
}
