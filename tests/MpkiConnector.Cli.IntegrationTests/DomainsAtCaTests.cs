using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary><c>mpki domains add NAME --at-ca</c> against the emulator's domain management (issue 12 item 5).</summary>
public sealed class DomainsAtCaTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task DomainsAddAtCa_AccountMayManageDomains_CreatesDelegatesApprovesAndNamesTheValidationLeft()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var password = new ProviderPasswordScope(emulator.Password);
        var config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder, emulator.BaseAddress));

        var result = await CliRunner.RunAsync("domains", "add", "example.net", "--provider", "emulator", "--at-ca", "--config", config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("created example.net, delegated to organisation 1001 for S/MIME", result.Output, StringComparison.Ordinal);
        Assert.Contains("approved the delegation", result.Output, StringComparison.Ordinal);
        var remains = Assert.Single(result.ErrorLines, l => l.StartsWith("mpki: remains", StringComparison.Ordinal));
        Assert.Contains("domain control validation", remains, StringComparison.Ordinal);
        var domain = emulator.Emulator.Domain("emulator", "example.net");
        Assert.Equal("ACTIVE", Assert.Single(domain.Delegations).Status);
        var list = await CliRunner.RunAsync("domains", "list", "--config", config);
        Assert.Contains("example.net", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomainsAddAtCa_Json_StandardOutputIsOneJsonDocumentAndTheChecksGoToStandardError()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var password = new ProviderPasswordScope(emulator.Password);
        var config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder, emulator.BaseAddress));

        var result = await CliRunner.RunAsync("domains", "add", "example.net", "--provider", "emulator", "--at-ca", "--json", "--config", config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var added = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal("example.net", added.RootElement.GetProperty("domain").GetString());
        Assert.Contains(result.ErrorLines, l => l.Contains("✓ at the CA: created example.net", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DomainsAddAtCa_AccountMayNot_OneLineSaysWhatRemainsAndNothingIsAdded()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.Customers[0].Accounts[0].MayManageDomains = false);
        using var password = new ProviderPasswordScope(emulator.Password);
        var config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder, emulator.BaseAddress));

        var result = await CliRunner.RunAsync("domains", "add", "example.net", "--provider", "emulator", "--at-ca", "--config", config);

        Assert.Equal(2, result.ExitCode);
        var remains = Assert.Single(result.ErrorLines, l => l.StartsWith("mpki: remains", StringComparison.Ordinal));
        Assert.Contains("a CA administrator creates example.net and delegates it to organisation 1001 for S/MIME", remains, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => emulator.Emulator.Domain("emulator", "example.net"));
    }
}
