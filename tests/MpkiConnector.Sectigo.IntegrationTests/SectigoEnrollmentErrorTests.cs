using MpkiConnector.Sectigo.Emulator.Configuration;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>Run-time enrollment errors carry the fix, are not transient (no hammering), and go away once the state is corrected.</summary>
public sealed class SectigoEnrollmentErrorTests : SectigoEmulatorTestBase
{
    private EmulatorCustomer Customer => Emulator.Emulator.Customer(Emulator.CustomerUri);

    private async Task<MpkiException> EnrollFailsAsync(SectigoMpkiProvider provider, string email)
    {
        var (key, csr) = TestCsr.Create(email);
        using (key)
        {
            var error = await Assert.ThrowsAsync<MpkiException>(() => provider.SubmitAsync(Request(email, csr)));
            Assert.False(error.IsTransient, error.Message);
            Assert.False(string.IsNullOrWhiteSpace(error.Remediation), error.Message);
            return error;
        }
    }

    private static async Task EnrollWorksAsync(SectigoMpkiProvider provider, string email)
    {
        var (key, csr) = TestCsr.Create(email);
        using (key)
        {
            var order = await provider.SubmitAsync(Request(email, csr));
            await SectigoProviderEmulatorTests.CollectUntilIssuedAsync(provider, order);
        }
    }

    [Fact]
    public async Task SubmitAsync_DomainNotDelegated_ConfigurationWithFixThenIssuesAfterDelegation()
    {
        var domain = new EmulatorDomain { Id = 503, Name = "ssl-only.example", Delegations = [new EmulatorDomainDelegation { OrgId = 1001, CertTypes = ["SSL"] }] };
        Customer.Domains.Add(domain);
        using var services = Services();
        var provider = services.Provider();
        var error = await EnrollFailsAsync(provider, "a@ssl-only.example");
        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.Contains("delegate", error.Remediation, StringComparison.Ordinal);
        Assert.Equal(1, Emulator.Emulator.Requests.Count(r => r.Path.EndsWith("/enroll", StringComparison.Ordinal)));

        domain.Delegations[0].CertTypes.Add("SMIME");
        await EnrollWorksAsync(provider, "a@ssl-only.example");
    }

    [Fact]
    public async Task SubmitAsync_DomainUnknownOrNotValidated_ConfigurationWithFix()
    {
        Customer.Domains.Add(new EmulatorDomain { Id = 504, Name = "unvalidated.example", Validated = false, Delegations = [new EmulatorDomainDelegation { OrgId = 1001 }] });
        using var services = Services();
        var provider = services.Provider();
        Assert.Contains("add the mail domain", (await EnrollFailsAsync(provider, "a@nope.example")).Remediation, StringComparison.Ordinal);
        Assert.Contains("DCV", (await EnrollFailsAsync(provider, "a@unvalidated.example")).Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_OrganizationNotReady_ConfigurationWithFixThenIssues()
    {
        var organization = Emulator.Emulator.Organization(Emulator.CustomerUri, 1001);
        organization.ClientCertsApiEnabled = false;
        using var services = Services();
        var provider = services.Provider();
        Assert.Contains("Enable Web / REST API", (await EnrollFailsAsync(provider, "a@example.com")).Remediation, StringComparison.Ordinal);
        organization.ClientCertsApiEnabled = true;
        organization.Validated = false;
        Assert.Contains("validated", (await EnrollFailsAsync(provider, "a@example.com")).Remediation, StringComparison.Ordinal);
        organization.Validated = true;
        await EnrollWorksAsync(provider, "a@example.com");
    }

    [Fact]
    public async Task SubmitAsync_PerPersonLimitReached_LimitReached()
    {
        Emulator.Options.PersonCertificateLimit = 1;
        using var services = Services();
        var provider = services.Provider();
        await EnrollWorksAsync(provider, "limit@example.com");
        var error = await EnrollFailsAsync(provider, "limit@example.com");
        Assert.Equal(MpkiErrorKind.LimitReached, error.Kind);
        Assert.Equal("-188", error.VendorCode);
    }
}
