using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary>Commands that only read the store run without the key-encryption key and without the CA password.</summary>
public sealed class SecretsNeededTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly string _config;

    public SecretsNeededTests()
    {
        var config = GatewayConfigFile.Sample(_folder);
        config["KeyEncryptionKey"] = "env:MPKI_CLI_TEST_KEK_NEVER_SET";
        _config = GatewayConfigFile.Write(_folder, config);
        Environment.SetEnvironmentVariable(ProviderPasswordScope.Variable, null);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("certs", "list")]
    [InlineData("certs", "list", "--expiring", "30", "--json")]
    [InlineData("certs", "export", "anna.adler@example.com", "--out", "OUT")]
    [InlineData("renew", "--dry-run")]
    [InlineData("domains", "list")]
    [InlineData("orders", "list")]
    public async Task ReadOnlyCommand_NoKeyEncryptionKeyNoPassword_Succeeds(params string[] command)
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365));
        var args = command.Select(a => a == "OUT" ? _folder.Combine("anna.pem") : a).ToArray();

        var result = await CliRunner.RunAsync([.. args, "--config", _config]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Renew_NotDryRun_NeedsTheKeyEncryptionKey()
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365));

        var result = await CliRunner.RunAsync("renew", "--config", _config);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("MPKI_CLI_TEST_KEK_NEVER_SET", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
