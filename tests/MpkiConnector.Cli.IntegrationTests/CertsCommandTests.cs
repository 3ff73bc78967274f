using System.Text.Json;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

public sealed class CertsCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ProviderPasswordScope _password = new("not-used-for-reading");
    private readonly string _config;

    public CertsCommandTests()
    {
        _config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder));
    }

    public void Dispose()
    {
        _password.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task CertsList_Json_ParsesWithEveryCertificate()
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365), ("ben.becker@example.org", 10));

        var result = await CliRunner.RunAsync("certs", "list", "--json", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var addresses = json.RootElement.EnumerateArray().Select(e => e.GetProperty("address").GetString()!).Order().ToArray();
        Assert.Equal(new[] { "anna.adler@example.com", "ben.becker@example.org" }, addresses);
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.Equal("Active", e.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task CertsList_Expiring_OnlyThoseEndingWithinTheDays()
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365), ("ben.becker@example.org", 10));

        var result = await CliRunner.RunAsync("certs", "list", "--expiring", "30", "--json", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var only = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("ben.becker@example.org", only.GetProperty("address").GetString());
    }

    [Fact]
    public async Task CertsList_Table_ShowsAddressAndCount()
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365));

        var result = await CliRunner.RunAsync("certs", "list", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("anna.adler@example.com", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 certificate(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertsExport_WithChain_WritesPemThatOpenSslVerifiesAgainstTheRoot()
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365));
        var pem = _folder.Combine("anna.pem");
        var root = _folder.Combine("root.pem");
        await File.WriteAllTextAsync(root, ca.Root.ExportCertificatePem());

        var result = await CliRunner.RunAsync("certs", "export", "Anna.Adler@example.com", "--out", pem, "--chain", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        var (code, text) = await OpenSslRunner.RunAsync("x509", "-in", pem, "-noout", "-ext", "subjectAltName");
        Assert.True(code == 0, text);
        Assert.Contains("anna.adler@example.com", text, StringComparison.Ordinal);
        var (verifyCode, verifyText) = await OpenSslRunner.RunAsync("verify", "-CAfile", root, "-untrusted", pem, "-purpose", "smimesign", pem);
        Assert.True(verifyCode == 0, verifyText);
        Assert.DoesNotContain("PRIVATE KEY", await File.ReadAllTextAsync(pem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertsExport_UnknownAddress_NotFoundExit4()
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365));

        var result = await CliRunner.RunAsync("certs", "export", "nobody@example.com", "--out", _folder.Combine("x.pem"), "--config", _config);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("nobody@example.com", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("x.pem")));
    }

    [Fact]
    public async Task CertsList_StoreDoesNotExist_NotFoundExit4()
    {
        var result = await CliRunner.RunAsync("certs", "list", "--config", _config);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("does not exist yet", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
