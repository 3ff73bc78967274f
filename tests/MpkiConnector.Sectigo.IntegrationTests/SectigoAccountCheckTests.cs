using MpkiConnector.Sectigo.Emulator.Configuration;

namespace MpkiConnector.Sectigo.Tests;

public sealed class SectigoAccountCheckTests : SectigoEmulatorTestBase
{
    private EmulatorCustomer Customer => Emulator.Emulator.Customer(Emulator.CustomerUri);

    private async Task<MpkiAccountCheckReport> CheckAsync(Action<SectigoOptions>? configure = null, params string[] domains)
    {
        using var services = Services(o =>
        {
            o.KeyAlgorithm = "EC-P256";
            o.Domains = ["example.com"];
            configure?.Invoke(o);
        });
        IMpkiAccountCheck check = services.Provider();
        return await check.CheckAccountAsync(domains);
    }

    private static MpkiAccountCheckItem Failed(MpkiAccountCheckReport report, string name)
    {
        Assert.False(report.AllPassed);
        var item = Assert.Single(report.Items, i => i.Name.StartsWith(name, StringComparison.Ordinal) && !i.Passed);
        Assert.False(string.IsNullOrWhiteSpace(item.Remediation));
        return item;
    }

    [Fact]
    public async Task RunAsync_ReadyAccount_EveryLinePasses()
    {
        var report = await CheckAsync(null, "example.org");
        Assert.True(report.AllPassed, string.Join("\n", report.Items.Where(i => !i.Passed).Select(i => $"{i.Name}: {i.Detail}")));
        Assert.Contains(report.Items, i => i.Name == "Organisation found" && i.Detail.Contains("1001", StringComparison.Ordinal));
        Assert.Contains(report.Items, i => i.Name == "Domain example.org delegated for S/MIME" && i.Passed);
        Assert.Contains(report.Items, i => i.Name.StartsWith("Key algorithm accepted", StringComparison.Ordinal) && i.Passed);
    }

    [Fact]
    public async Task RunAsync_WrongPassword_LoginFailsWithFixAndRestNotChecked()
    {
        var report = await CheckAsync(o => o.Password = "wrong-password");
        var item = Failed(report, "Can log in");
        Assert.Contains("-970", item.Detail, StringComparison.Ordinal);
        Assert.Contains("password", item.Remediation, StringComparison.Ordinal);
        Assert.Contains(report.Items, i => i.Name == "Customer URI exists" && i.Passed);
        Assert.DoesNotContain("wrong-password", string.Join("\n", report.Items.Select(i => i.Detail + i.Remediation)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCustomerUri_CustomerLineFails()
    {
        var report = await CheckAsync(o => o.CustomerUri = "DFN");
        var item = Failed(report, "Customer URI exists");
        Assert.Contains("customer/<customerUri>", item.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownLogin_LoginFails()
    {
        var report = await CheckAsync(o => o.Login = "nobody");
        Assert.Contains("-16", Failed(report, "Can log in").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InitialPasswordNotChanged_SaysChangeItInThePortal()
    {
        Customer.Accounts.Add(new EmulatorAccount { Login = "new-admin", Password = "initial", PasswordChangeRequired = true });
        var report = await CheckAsync(o =>
        {
            o.Login = "new-admin";
            o.Password = "initial";
        });
        Assert.Contains("change its initial password", Failed(report, "Can log in").Remediation, StringComparison.Ordinal);

        // The operator changes the password: the same check passes.
        Customer.Accounts.Single(a => a.Login == "new-admin").PasswordChangeRequired = false;
        Assert.True((await CheckAsync(o =>
        {
            o.Login = "new-admin";
            o.Password = "initial";
        })).AllPassed);
    }

    [Fact]
    public async Task RunAsync_AdminWithoutClientCertificatePrivilege_PrivilegeFails()
    {
        Customer.Accounts.Add(new EmulatorAccount { Login = "ssl-admin", Password = "pw", ClientCertificatePrivilege = false });
        var report = await CheckAsync(o =>
        {
            o.Login = "ssl-admin";
            o.Password = "pw";
        });
        Assert.Contains("privilege", Failed(report, "Client certificate privilege").Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AdminNotForTheOrganization_OrganizationNotFoundListsWhatItSees()
    {
        Customer.Organizations.Add(new EmulatorOrganization { Id = 1002, Name = "Other Org" });
        Customer.Accounts.Add(new EmulatorAccount { Login = "other", Password = "pw", OrganizationIds = [1002] });
        var report = await CheckAsync(o =>
        {
            o.Login = "other";
            o.Password = "pw";
            o.OrganizationId = "1001";
        });
        var item = Failed(report, "Organisation found");
        Assert.Contains("1002 'Other Org'", item.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OrganizationNotValidatedAndRestDisabled_BothNamedThenPassAfterFix()
    {
        var organization = Emulator.Emulator.Organization(Emulator.CustomerUri, 1001);
        organization.Validated = false;
        organization.ClientCertsApiEnabled = false;
        var report = await CheckAsync();
        Assert.Contains("validated", Failed(report, "Organisation validated").Remediation, StringComparison.Ordinal);
        Assert.Contains("Enable Web / REST API", Failed(report, "Client certificate REST API enabled").Remediation, StringComparison.Ordinal);

        organization.Validated = true;
        organization.ClientCertsApiEnabled = true;
        Assert.True((await CheckAsync()).AllPassed);
    }

    [Fact]
    public async Task RunAsync_DomainUnknownNotDelegatedNotValidated_EachNamed()
    {
        Customer.Domains.Add(new EmulatorDomain { Id = 503, Name = "ssl-only.example", Delegations = [new EmulatorDomainDelegation { OrgId = 1001, CertTypes = ["SSL"] }] });
        Customer.Domains.Add(new EmulatorDomain { Id = 504, Name = "unvalidated.example", Validated = false, Delegations = [new EmulatorDomainDelegation { OrgId = 1001 }] });
        var report = await CheckAsync(null, "nope.example", "ssl-only.example", "unvalidated.example");
        Assert.Contains("add the mail domain", Failed(report, "Domain nope.example present").Remediation, StringComparison.Ordinal);
        Assert.Contains("delegate", Failed(report, "Domain ssl-only.example delegated for S/MIME").Remediation, StringComparison.Ordinal);
        Assert.Contains("DCV", Failed(report, "Domain unvalidated.example validated").Remediation, StringComparison.Ordinal);
        Assert.Contains(report.Items, i => i.Name == "Domain unvalidated.example delegated for S/MIME" && i.Passed);
    }

    [Fact]
    public async Task RunAsync_TypeTermOrKeyNotOffered_EachNamedWithWhatIsOffered()
    {
        var type = await CheckAsync(o => o.CertificateType = "GEANT Personal");
        Assert.Contains("2001 'Emulator S/MIME'", Failed(type, "Certificate type available").Detail, StringComparison.Ordinal);

        var term = await CheckAsync(o => o.TermDays = 1095);
        Assert.Contains("365, 730", Failed(term, "Term offered by Emulator S/MIME").Detail, StringComparison.Ordinal);

        var key = await CheckAsync(o => o.KeyAlgorithm = "EC-P521");
        Assert.Contains("EC: P256, P384", Failed(key, "Key algorithm accepted by Emulator S/MIME").Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckDomainAsync_NotDelegated_FailsUntilDelegated()
    {
        var domain = new EmulatorDomain { Id = 503, Name = "ssl-only.example", Delegations = [new EmulatorDomainDelegation { OrgId = 1001, CertTypes = ["SSL"] }] };
        Customer.Domains.Add(domain);
        using var services = Services();
        IMpkiAccountCheck check = services.Provider();
        Assert.Contains(await check.CheckDomainAsync("ssl-only.example"), i => !i.Passed && i.Name.Contains("delegated", StringComparison.Ordinal));
        domain.Delegations[0].CertTypes.Add("SMIME");
        Assert.All(await check.CheckDomainAsync("ssl-only.example"), i => Assert.True(i.Passed, i.Name));
    }
}
