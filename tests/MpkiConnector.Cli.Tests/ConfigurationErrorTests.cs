using System.Text.Json.Nodes;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

public sealed class ConfigurationErrorTests : IDisposable
{
    private const string Canary = "canary-Pa55w0rd-3f9c1e";
    private readonly TempDirectory _folder = new();

    public ConfigurationErrorTests()
    {
        Environment.SetEnvironmentVariable("MPKI__Providers__emulator__Password", Canary);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("MPKI__Providers__emulator__Password", null);
        _folder.Dispose();
    }

    [Fact]
    public async Task DomainsList_DomainNamesUnknownProviderAccount_OneLineNamingTheSettingExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["Domains"]![1]!["Provider"] = "dfn";

        var result = await RunAsync(config);

        AssertOneLineConfigurationError(result, "Domains[1].Provider", "dfn");
    }

    [Fact]
    public async Task DomainsList_OverlapNotShorterThanTerm_OneLineNamingTheSettingExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["Domains"]![0]!["TermDays"] = 30;
        config["Domains"]![0]!["OverlapDays"] = 30;

        var result = await RunAsync(config);

        AssertOneLineConfigurationError(result, "Domains[0].OverlapDays", "shorter than the term");
    }

    [Fact]
    public async Task DomainsList_FormerRenewalOverlapDaysKey_OneLineNamingTheSettingExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["Renewal"] = new JsonObject { ["OverlapDays"] = 20 };

        var result = await RunAsync(config);

        AssertOneLineConfigurationError(result, "Renewal.OverlapDays", "\"Overlap\": \"30.00:00:00\"");
    }

    [Fact]
    public async Task DomainsList_NegativeRenewalOverlap_OneLineNamingTheSettingExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["Renewal"] = new JsonObject { ["Overlap"] = "-1.00:00:00" };

        var result = await RunAsync(config);

        AssertOneLineConfigurationError(result, "Renewal:Overlap", "must be positive");
    }

    [Fact]
    public async Task GatewayRun_MissingKeyEncryptionKey_OneLineNamingTheSettingExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config.Remove("KeyEncryptionKey");

        var result = await RunAsync(config, "gateway", "run", "--once");

        AssertOneLineConfigurationError(result, "KeyEncryptionKey", "missing");
    }

    [Fact]
    public async Task GatewayRun_KeyEncryptionKeyVariableNotSet_OneLineNamingTheVariableExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["KeyEncryptionKey"] = "env:MPKI_CLI_TEST_KEK_NOT_SET";

        var result = await RunAsync(config, "gateway", "run", "--once");

        AssertOneLineConfigurationError(result, "KeyEncryptionKey", "MPKI_CLI_TEST_KEK_NOT_SET");
    }

    [Fact]
    public async Task DomainsList_DuplicateDomain_OneLineNamingTheSettingExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["Domains"]![1]!["Domain"] = "EXAMPLE.com";

        var result = await RunAsync(config);

        AssertOneLineConfigurationError(result, "Domains[1].Domain", "duplicate");
    }

    [Fact]
    public async Task DomainsList_MalformedJson_OneLineWithThePositionExit2()
    {
        var path = _folder.Combine("broken.json");
        File.WriteAllText(path, "{ \"Providers\": { \"emulator\": { \"Type\": \"emulator\", } \n \"Domains\": [ }");

        var result = await CliRunner.RunAsync("domains", "list", "--config", path);

        AssertOneLineConfigurationError(result, "not valid JSON", "line 2");
    }

    [Fact]
    public async Task DomainsList_ConfigFileMissing_OneLineExit2()
    {
        var result = await CliRunner.RunAsync("domains", "list", "--config", _folder.Combine("nope.json"));

        AssertOneLineConfigurationError(result, "not found", "nope.json");
    }

    [Fact]
    public async Task DomainsList_SeveralMistakesWithVerbose_NoSecretInAnyOutput()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["Domains"]![1]!["Provider"] = "dfn";
        config.Remove("KeyEncryptionKey");
        var path = GatewayConfigFile.Write(_folder, config);

        var result = await CliRunner.RunAsync("domains", "list", "--config", path, "--verbose");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain(Canary, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomainsList_DomainsIsOneObject_OneLineNamingTheSettingExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["Domains"] = new JsonObject { ["Domain"] = "example.com", ["Provider"] = "emulator" };

        var result = await RunAsync(config);

        AssertOneLineConfigurationError(result, "Domains:", "is an object", "list");
    }

    [Fact]
    public async Task DomainsList_DomainsIsListOfStrings_OneLineNamingTheSettingExit2()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["Domains"] = new JsonArray("example.com");

        var result = await RunAsync(config);

        AssertOneLineConfigurationError(result, "Domains[0]:", "'example.com' is a plain value");
    }

    private async Task<CliResult> RunAsync(JsonObject config, params string[] command)
    {
        var path = GatewayConfigFile.Write(_folder, config);
        return await CliRunner.RunAsync([.. command.Length == 0 ? ["domains", "list"] : command, "--config", path]);
    }

    private static void AssertOneLineConfigurationError(CliResult result, params string[] expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("mpki: error:", line, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, line, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(Canary, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
