using System.Net;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class OnboardingTests
{
    private static async Task<(int Status, int Code, string Description)> EnrollErrorAsync(RunningEmulator running, string email = "amy@example.com",
        int certType = RunningEmulator.DefaultProfileId, int term = 365, HttpClient? client = null)
    {
        using var own = client is null ? running.CreateClient() : null;
        using var response = await ScmCalls.EnrollAsync(client ?? own!, email, certType: certType, term: term);
        Assert.False(response.IsSuccessStatusCode, "enroll should have failed");
        return await ScmCalls.ErrorAsync(response);
    }

    private static async Task AssertEnrollWorksAfterFixAsync(RunningEmulator running, string email = "amy@example.com", HttpClient? client = null)
    {
        using var own = client is null ? running.CreateClient() : null;
        using var response = await ScmCalls.EnrollAsync(client ?? own!, email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Organization_NotValidated_RefusedThenIssuesAfterFlip()
    {
        await using var running = await RunningEmulator.StartAsync();
        var org = running.Emulator.Organization(running.CustomerUri, 1001);
        org.Validated = false;
        var error = await EnrollErrorAsync(running);
        Assert.Equal(running.Options.Errors.OrganizationNotValidated.Code, error.Code);
        Assert.Contains("Example Org", error.Description, StringComparison.Ordinal);
        Assert.Equal(0, await running.Emulator.CountOrdersAsync());
        org.Validated = true;
        await AssertEnrollWorksAfterFixAsync(running);
    }

    [Fact]
    public async Task Organization_ClientCertApiDisabled_RefusedAndShownInDetails()
    {
        await using var running = await RunningEmulator.StartAsync();
        running.Emulator.Organization(running.CustomerUri, 1001).ClientCertsApiEnabled = false;
        Assert.Equal(-1021, (await EnrollErrorAsync(running)).Code);
        using var client = running.CreateClient();
        Assert.Contains("\"clientCertsApiEnabled\":false", await client.GetStringAsync("api/organization/v1/1001"), StringComparison.Ordinal);
        running.Emulator.Organization(running.CustomerUri, 1001).ClientCertsApiEnabled = true;
        await AssertEnrollWorksAfterFixAsync(running);
    }

    [Theory]
    [InlineData("amy@unknown.example", -727)]
    [InlineData("amy@example.net", -727)]
    public async Task Domain_Unknown_Refused(string email, int code)
    {
        await using var running = await RunningEmulator.StartAsync();
        Assert.Equal(code, (await EnrollErrorAsync(running, email)).Code);
    }

    [Fact]
    public async Task Domain_NotDelegatedForSmime_RefusedThenIssuesAfterFlip()
    {
        await using var running = await RunningEmulator.StartAsync();
        var domain = running.Emulator.Domain(running.CustomerUri, "example.com");
        domain.Delegations[0].CertTypes = ["SSL"];
        var error = await EnrollErrorAsync(running);
        Assert.Equal(-1010, error.Code);
        Assert.Contains("example.com", error.Description, StringComparison.Ordinal);
        domain.Delegations[0].Status = "REQUESTED";
        domain.Delegations[0].CertTypes = ["SMIME"];
        Assert.Equal(-1010, (await EnrollErrorAsync(running)).Code);
        domain.Delegations[0].Status = "ACTIVE";
        await AssertEnrollWorksAfterFixAsync(running);
    }

    [Fact]
    public async Task Domain_NotValidated_Refused()
    {
        await using var running = await RunningEmulator.StartAsync();
        running.Emulator.Domain(running.CustomerUri, "example.com").Validated = false;
        Assert.Equal(-1137, (await EnrollErrorAsync(running)).Code);
        using var client = running.CreateClient();
        Assert.Contains("\"validationStatus\":\"Not validated\"", await client.GetStringAsync("api/domain/v1/501"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_PasswordChangeRequired_EveryCallRefused()
    {
        await using var running = await RunningEmulator.StartAsync();
        var account = running.Emulator.Account(running.CustomerUri, running.Login);
        account.PasswordChangeRequired = true;
        using var client = running.CreateClient();
        using var response = await client.GetAsync("api/organization/v1");
        var error = await ScmCalls.ErrorAsync(response);
        Assert.Equal((401, -971), (error.Status, error.Code));
        Assert.Contains("password", error.Description, StringComparison.OrdinalIgnoreCase);
        account.PasswordChangeRequired = false;
        using var after = await client.GetAsync("api/organization/v1");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Admin_WithoutClientCertificatePrivilege_SmimeRefusedOrgsAllowed()
    {
        await using var running = await RunningEmulator.StartAsync();
        running.Emulator.Account(running.CustomerUri, running.Login).ClientCertificatePrivilege = false;
        using var client = running.CreateClient();
        using var types = await client.GetAsync("api/smime/v1/types");
        Assert.Equal((403, -3), ((int)types.StatusCode, (await ScmCalls.ErrorAsync(types)).Code));
        using var orgs = await client.GetAsync("api/organization/v1");
        Assert.Equal(HttpStatusCode.OK, orgs.StatusCode);
    }

    [Fact]
    public async Task Admin_NotForOrganization_RefusedAndOrgHidden()
    {
        await using var running = await RunningEmulator.StartAsync(o =>
        {
            o.Customers[0].Organizations.Add(new EmulatorOrganization { Id = 1002, Name = "Other Org" });
            o.Customers[0].Accounts[0].OrganizationIds = [1002];
        });
        Assert.Equal(-226, (await EnrollErrorAsync(running)).Code);
        using var client = running.CreateClient();
        var list = await client.GetStringAsync("api/organization/v1");
        Assert.DoesNotContain("Example Org", list, StringComparison.Ordinal);
        running.Emulator.Account(running.CustomerUri, running.Login).OrganizationIds.Add(1001);
        await AssertEnrollWorksAfterFixAsync(running);
    }

    [Fact]
    public async Task Profile_NotAvailableToOrganization_Minus172_NoneAtAllMinus184_NoTermsMinus185()
    {
        await using var running = await RunningEmulator.StartAsync();
        var org = running.Emulator.Organization(running.CustomerUri, 1001);
        org.ProfileIds = [2002];
        Assert.Equal(-172, (await EnrollErrorAsync(running)).Code);
        org.ProfileIds = [];
        org.NoProfiles = true;
        Assert.Equal(-184, (await EnrollErrorAsync(running)).Code);
        org.NoProfiles = false;
        running.Options.Customers[0].Profiles[0].Terms = [];
        Assert.Equal(-185, (await EnrollErrorAsync(running)).Code);
    }

    [Fact]
    public async Task Profile_TermNotOffered_Minus36()
    {
        await using var running = await RunningEmulator.StartAsync();
        Assert.Equal(-36, (await EnrollErrorAsync(running, term: 1095)).Code);
    }

    [Fact]
    public async Task Person_CertificateLimitReached_Minus188()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.PersonCertificateLimit = 2);
        using var client = running.CreateClient();
        await ScmCalls.EnrollOkAsync(client, "amy@example.com");
        await ScmCalls.EnrollOkAsync(client, "amy@example.com");
        var error = await EnrollErrorAsync(running);
        Assert.Equal(-188, error.Code);
        Assert.EndsWith("2", error.Description, StringComparison.Ordinal);
        running.Options.PersonCertificateLimit = 0;
        await AssertEnrollWorksAfterFixAsync(running);
    }

    [Fact]
    public async Task Person_ProfileNeedsHigh_RefusedUntilPersonUpdated()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        Assert.Equal(-1601, (await EnrollErrorAsync(running, certType: RunningEmulator.HighValidationProfileId)).Code);
        using var create = await client.PostAsync("api/person/v1", System.Net.Http.Json.JsonContent.Create(new
        {
            firstName = "Amy", lastName = "Example", email = "amy@example.com", organizationId = 1001, validationType = "HIGH",
        }));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        using var response = await ScmCalls.EnrollAsync(client, "amy@example.com", certType: RunningEmulator.HighValidationProfileId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void ConfigFile_Loads_AndMarksAssumptions()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "emulator.json");
        var options = ScmEmulatorOptions.Load(path);
        options.Validate();
        Assert.Equal("emulator", options.Customers[0].CustomerUri);
        Assert.True(options.Errors.PasswordChangeRequired.Assumption);
        Assert.False(options.Errors.UnknownUser.Assumption);
        Assert.Equal(-16, options.Errors.UnknownUser.Code);
        Assert.Contains(options.Customers[0].Profiles, p => p.Kind == "device");
    }
}
