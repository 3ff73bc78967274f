using System.Text.Json;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

public sealed class TpmCommandsTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private EmulatorGatewaySetup? _setup;
    private SoftwareTpm? _tpm;

    private RunningEmulator Emulator => _setup!.Emulator;

    private string Config => _setup!.Config;

    public async Task InitializeAsync()
    {
        var tpm = _tpm = await SoftwareTpm.StartAsync(_folder.Combine("swtpm"));
        _setup = await EmulatorGatewaySetup.StartAsync(_folder, config: config => config["Tpm"] = new System.Text.Json.Nodes.JsonObject
        {
            ["Tcti"] = tpm.Tcti,
            ["InstallDirectory"] = _folder.Combine("installed"),
        });
    }

    public async Task DisposeAsync()
    {
        if (_tpm is not null)
        {
            await _tpm.DisposeAsync();
        }

        if (_setup is not null)
        {
            await _setup.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task TpmEnrollListVerifyRemove_ClientAndDevice_VerifyReportsNonExportableKeysThatSign()
    {
        var client = await CliRunner.RunAsync("tpm", "enroll", "--email", "jane.doe@example.com", "--type", "client", "--provider", "emulator", "--config", Config);
        Assert.True(client.ExitCode == 0, client.ToString());
        var device = await CliRunner.RunAsync("tpm", "enroll", "--device", "laptop-42.example.com", "--type", "device", "--algorithm", "Rsa2048", "--provider", "emulator", "--config", Config);
        Assert.True(device.ExitCode == 0, device.ToString());

        var list = await CliRunner.RunAsync("tpm", "list", "--json", "--config", Config);
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var certificates = JsonDocument.Parse(list.Output))
        {
            var kinds = certificates.RootElement.EnumerateArray().Select(c => (c.GetProperty("address").GetString(), c.GetProperty("kind").GetString())).OrderBy(c => c.Item1).ToArray();
            Assert.Equal([("jane.doe@example.com", "client"), ("laptop-42.example.com", "device")], kinds);
        }

        var verify = await CliRunner.RunAsync("tpm", "verify", "--config", Config);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("✓ the private key cannot be exported", verify.Output, StringComparison.Ordinal);
        Assert.Contains("✓ a signature made in the TPM verifies with the certificate", verify.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", verify.Output, StringComparison.Ordinal);

        var remove = await CliRunner.RunAsync("tpm", "remove", "laptop-42.example.com", "--config", Config);
        Assert.True(remove.ExitCode == 0, remove.ToString());
        var after = await CliRunner.RunAsync("tpm", "list", "--json", "--config", Config);
        using (var certificates = JsonDocument.Parse(after.Output))
        {
            Assert.Equal("jane.doe@example.com", Assert.Single(certificates.RootElement.EnumerateArray()).GetProperty("address").GetString());
        }
    }

    [Fact]
    public async Task TpmEnroll_CaNotIssuedWithinTheWait_PendingExitCodeThenResumeInstallsWithOneOrder()
    {
        Emulator.Behavior.IssueAfterCollects = int.MaxValue;
        var pending = await CliRunner.RunAsync("tpm", "enroll", "--email", "jane.doe@example.com", "--provider", "emulator", "--wait", "0", "--config", Config);

        Assert.True(pending.ExitCode == 7, pending.ToString());
        Assert.Contains("mpki tpm enroll --resume", pending.Output, StringComparison.Ordinal);
        var none = await CliRunner.RunAsync("tpm", "list", "--json", "--config", Config);
        using (var certificates = JsonDocument.Parse(none.Output))
        {
            Assert.Empty(certificates.RootElement.EnumerateArray());
        }

        Emulator.Behavior.IssueAfterCollects = 0;
        var resumed = await CliRunner.RunAsync("tpm", "enroll", "--resume", "--config", Config);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("Enrolled a client certificate for jane.doe@example.com", resumed.Output, StringComparison.Ordinal);
        Assert.Single(await Emulator.Emulator.GetOrdersAsync(Emulator.CustomerUri));
        var verify = await CliRunner.RunAsync("tpm", "verify", "--config", Config);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task TpmEnroll_UnsupportedAlgorithm_OneLineErrorAndNoCertificate()
    {
        var result = await CliRunner.RunAsync("tpm", "enroll", "--email", "jane.doe@example.com", "--provider", "emulator", "--algorithm", "EcdsaP521", "--config", Config);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("P-521", Assert.Single(result.ErrorLines), StringComparison.OrdinalIgnoreCase);
        var list = await CliRunner.RunAsync("tpm", "list", "--json", "--config", Config);
        using var certificates = JsonDocument.Parse(list.Output);
        Assert.Empty(certificates.RootElement.EnumerateArray());
    }
}
