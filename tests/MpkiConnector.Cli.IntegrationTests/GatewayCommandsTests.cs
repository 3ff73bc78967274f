using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

public sealed class GatewayCommandsTests : IAsyncLifetime
{
    private const string Canary = "canary-Pa55w0rd-7d21a9";
    private readonly TempDirectory _folder = new();
    private RunningEmulator? _emulator;
    private ProviderPasswordScope? _password;
    private string _config = string.Empty;

    private RunningEmulator Emulator => _emulator!;

    public async Task InitializeAsync()
    {
        // example.net exists at the account but its domain validation (DCV) is not done.
        _emulator = await RunningEmulator.StartAsync(o => o.Customers[0].Domains.Add(new EmulatorDomain
        {
            Id = 509,
            Name = "example.net",
            Validated = false,
            Delegations = [new EmulatorDomainDelegation { OrgId = RunningEmulator.DefaultOrganizationId }],
        }));
        _password = new ProviderPasswordScope(_emulator.Password);
        _config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder, _emulator.BaseAddress));
    }

    public async Task DisposeAsync()
    {
        _password?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task GatewayRunOnce_ThenCertsRenewRevoke_WorkOnWhatTheRunIssued()
    {
        var spool = _folder.Combine("in");
        Directory.CreateDirectory(spool);
        var messages = Directory.GetFiles(RepositoryPaths.Mail, "000*-outbound.eml").Order(StringComparer.Ordinal).Take(3).ToArray();
        foreach (var file in messages)
        {
            File.Copy(file, Path.Combine(spool, Path.GetFileName(file)));
        }

        var run = await CliRunner.RunAsync("gateway", "run", "--once", "--spool", spool, "--json", "--config", _config);

        Assert.True(run.ExitCode == 0, run.ToString());
        using (var summary = JsonDocument.Parse(run.Output))
        {
            Assert.Equal(3, summary.RootElement.GetProperty("processed").GetInt32());
            Assert.Equal(3, summary.RootElement.GetProperty("signed").GetInt32());
            Assert.Equal(1, summary.RootElement.GetProperty("issued").GetInt32());
        }

        Assert.Empty(Directory.GetFiles(spool, "*.eml"));
        Assert.Equal(1, await Emulator.Emulator.CountOrdersAsync());

        var list = await CliRunner.RunAsync("certs", "list", "--json", "--config", _config);
        Assert.True(list.ExitCode == 0, list.ToString());
        string serial;
        using (var certificates = JsonDocument.Parse(list.Output))
        {
            var only = Assert.Single(certificates.RootElement.EnumerateArray());
            Assert.Equal("anna.adler@example.com", only.GetProperty("address").GetString());
            serial = only.GetProperty("serialNumber").GetString()!;
        }

        var pem = _folder.Combine("anna.pem");
        var export = await CliRunner.RunAsync("certs", "export", "anna.adler@example.com", "--out", pem, "--chain", "--config", _config);
        Assert.True(export.ExitCode == 0, export.ToString());
        var root = _folder.Combine("root.pem");
        await File.WriteAllTextAsync(root, Emulator.Emulator.RootCertificate.ExportCertificatePem());
        var (verify, text) = await OpenSslRunner.RunAsync("verify", "-CAfile", root, "-untrusted", pem, "-purpose", "smimesign", pem);
        Assert.True(verify == 0, text);

        var renew = await CliRunner.RunAsync("renew", "--dry-run", "--json", "--config", _config);
        Assert.True(renew.ExitCode == 0, renew.ToString());
        using (var report = JsonDocument.Parse(renew.Output))
        {
            Assert.Equal(0, report.RootElement.GetProperty("checked").GetInt32()); // only certificates near their renewal window are read
            Assert.Empty(report.RootElement.GetProperty("items").EnumerateArray());
        }

        var revoke = await CliRunner.RunAsync("revoke", "anna.adler@example.com", "--reason", "Superseded", "--config", _config);
        Assert.True(revoke.ExitCode == 2, revoke.ToString());
        Assert.Contains("--yes", Assert.Single(revoke.ErrorLines), StringComparison.Ordinal);
        revoke = await CliRunner.RunAsync("revoke", "anna.adler@example.com", "--reason", "Superseded", "--yes", "--config", _config);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        var again = await CliRunner.RunAsync("revoke", "--serial", serial, "--yes", "--json", "--config", _config);
        Assert.True(again.ExitCode == 0, again.ToString());
        using (var already = JsonDocument.Parse(again.Output))
        {
            Assert.True(already.RootElement.GetProperty("alreadyRevoked").GetBoolean());
        }
        var after = await CliRunner.RunAsync("certs", "list", "--address", "anna.adler@example.com", "--json", "--config", _config);
        using (var certificates = JsonDocument.Parse(after.Output))
        {
            Assert.Equal("Revoked", Assert.Single(certificates.RootElement.EnumerateArray()).GetProperty("status").GetString());
        }

        var orders = await Emulator.Emulator.GetOrdersAsync(Emulator.CustomerUri);
        Assert.Equal("revoked", Assert.Single(orders).State, ignoreCase: true);
    }

    [Fact]
    public async Task ProviderDiscover_Json_ListsTheOrganisationAndCertificateTypes()
    {
        var result = await CliRunner.RunAsync("provider", "discover", "emulator", "--json", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var account = JsonDocument.Parse(result.Output);
        Assert.Contains(account.RootElement.GetProperty("organizations").EnumerateArray(), o => o.GetProperty("id").GetString() == "1001");
        Assert.Contains(account.RootElement.GetProperty("certificateTypes").EnumerateArray(), t => t.GetProperty("name").GetString() == "Emulator S/MIME");
    }

    [Fact]
    public async Task ProviderDiscover_UnknownAccount_OneLineExit2()
    {
        var result = await CliRunner.RunAsync("provider", "discover", "dfn", "--config", _config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dfn", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderDiscover_WrongPasswordFromEnvironment_OneLineAuthenticationErrorWithoutThePassword()
    {
        using var canary = new ProviderPasswordScope(Canary);

        var result = await CliRunner.RunAsync("provider", "discover", "emulator", "--config", _config);
        var verbose = await CliRunner.RunAsync("provider", "discover", "emulator", "--config", _config, "--verbose");

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("authentication", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Canary, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Equal(3, verbose.ExitCode);
        Assert.DoesNotContain(Canary, verbose.Output + verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Domains_AddListRemove_RoundTripsThroughTheStore()
    {
        var add = await CliRunner.RunAsync("domains", "add", "example.net", "--provider", "emulator", "--term", "365", "--key", "EC-P256", "--config", _config);
        Assert.True(add.ExitCode == 0, add.ToString());

        var list = await CliRunner.RunAsync("domains", "list", "--json", "--config", _config);
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var domains = JsonDocument.Parse(list.Output))
        {
            var names = domains.RootElement.EnumerateArray().Select(d => d.GetProperty("domain").GetString()).ToArray();
            Assert.Equal(new[] { "example.com", "example.net", "example.org" }, names);
        }

        var remove = await CliRunner.RunAsync("domains", "remove", "Example.NET", "--config", _config);
        Assert.True(remove.ExitCode == 0, remove.ToString());
        var again = await CliRunner.RunAsync("domains", "remove", "example.net", "--config", _config);
        Assert.Equal(4, again.ExitCode);
    }

    [Fact]
    public async Task DomainsAdd_DomainOfTheConfigurationFile_OneLineExit2()
    {
        var result = await CliRunner.RunAsync("domains", "add", "example.com", "--provider", "emulator", "--config", _config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("configuration file", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderCheck_HealthyAccount_EveryLinePassesExit0()
    {
        var result = await CliRunner.RunAsync("provider", "check", "emulator", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("✓", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", result.Output, StringComparison.Ordinal);
        Assert.Contains("example.org", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderCheck_ProviderWithoutAccountCheck_DiscoveryOnlyLinePassesExit0()
    {
        var config = GatewayConfigFile.Sample(_folder, Emulator.BaseAddress);
        config["Providers"]!["trial"] = new System.Text.Json.Nodes.JsonObject { ["Type"] = "fake" };
        var path = GatewayConfigFile.Write(_folder, config, "with-fake.json");

        var result = await CliRunner.RunAsync("provider", "check", "trial", "--json", "--config", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        var items = report.RootElement.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["Can log in and read the account", "Trusted roots"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.All(items, i => Assert.True(i.GetProperty("passed").GetBoolean()));
        Assert.Contains("none pinned yet", items[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderCheck_AfterTheFirstIssuance_NamesTheAuthModeAndShowsThePinnedRoot()
    {
        var spool = _folder.Combine("pin-in");
        Directory.CreateDirectory(spool);
        var message = Directory.GetFiles(RepositoryPaths.Mail, "000*-outbound.eml").Order(StringComparer.Ordinal).First();
        File.Copy(message, Path.Combine(spool, Path.GetFileName(message)));
        var run = await CliRunner.RunAsync("gateway", "run", "--once", "--spool", spool, "--config", _config);
        Assert.True(run.ExitCode == 0, run.ToString());

        var result = await CliRunner.RunAsync("provider", "check", "emulator", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("✓ Authentication mode Password: login", result.Output, StringComparison.Ordinal);
        var root = Emulator.Emulator.RootCertificate;
        Assert.Contains($"✓ Trusted roots (pinned at the first issuance): {root.Subject}, SHA-256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(root.RawData))}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderCheck_ManagedDomainNotValidated_JsonNamesTheFailingStepAndItsFixExit1()
    {
        var config = GatewayConfigFile.Sample(_folder, Emulator.BaseAddress);
        config["Domains"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["Domain"] = "example.net", ["Provider"] = "emulator", ["TermDays"] = 365 });
        var path = GatewayConfigFile.Write(_folder, config, "with-example-net.json");

        var result = await CliRunner.RunAsync("provider", "check", "emulator", "--json", "--config", path);

        Assert.True(result.ExitCode == 1, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        Assert.False(report.RootElement.GetProperty("allPassed").GetBoolean());
        var failed = report.RootElement.GetProperty("items").EnumerateArray().Where(i => !i.GetProperty("passed").GetBoolean()).ToArray();
        Assert.NotEmpty(failed);
        Assert.All(failed, i => Assert.Contains("example.net", i.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.All(failed, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("remediation").GetString())));
    }

    [Fact]
    public async Task DomainsAdd_DomainNotValidatedAtTheAccount_AddsItAndWarnsWithTheFix()
    {
        var result = await CliRunner.RunAsync("domains", "add", "example.net", "--provider", "emulator", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Added example.net", result.Output, StringComparison.Ordinal);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("mpki: warning:", StringComparison.Ordinal) && l.Contains("Fix:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("example.invalid", null, "present")]
    [InlineData("example.net", "999", "term offered")]
    public async Task DomainsAdd_CaCannotIssue_OneLineNamingTheCheckExit2NothingAdded(string domain, string? term, string check)
    {
        string[] args = ["domains", "add", domain, "--provider", "emulator", "--config", _config, .. term is null ? Array.Empty<string>() : ["--term", term]];

        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(check, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        var list = await CliRunner.RunAsync("domains", "list", "--json", "--config", _config);
        Assert.DoesNotContain(domain, list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomainsAdd_UnknownCertificateType_OneLineNamingTheCheckExit2()
    {
        var result = await CliRunner.RunAsync("domains", "add", "example.net", "--provider", "emulator", "--type", "Gold Plated", "--config", _config);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("certificate type exists", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
