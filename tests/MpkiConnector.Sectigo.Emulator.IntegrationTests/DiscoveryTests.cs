using System.Net;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class DiscoveryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private RunningEmulator Running => fixture.Running;

    [Fact]
    public async Task Organizations_DefaultAccount_ListsOrgWithDepartments()
    {
        using var client = Running.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("api/organization/v1"));
        var org = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(1001, org.GetProperty("id").GetInt32());
        Assert.Equal("Example Org", org.GetProperty("name").GetString());
        var department = Assert.Single(org.GetProperty("departments").EnumerateArray());
        Assert.Equal(1101, department.GetProperty("id").GetInt32());
        Assert.Equal("Example Org", department.GetProperty("parentName").GetString());
    }

    [Fact]
    public async Task OrganizationDetails_KnownId_HasClientCertsApiEnabled()
    {
        using var client = Running.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("api/organization/v1/1001"));
        Assert.True(json.RootElement.GetProperty("clientCertsApiEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("certTypes").ValueKind);
        using var missing = await client.GetAsync("api/organization/v1/999");
        Assert.Equal(-1023, (await ScmCalls.ErrorAsync(missing)).Code);
    }

    [Theory]
    [InlineData("api/smime/v1/types", false)]
    [InlineData("api/smime/v2/types", true)]
    [InlineData("api/smime/v1/types?organizationId=1001", false)]
    public async Task Types_EachSurface_ListsProfilesWithTermsAndKeyTypes(string path, bool admin)
    {
        using var client = admin ? await ScmCalls.CreateAdminClientAsync(Running) : Running.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync(path));
        var profile = json.RootElement.EnumerateArray().First(p => p.GetProperty("id").GetInt32() == 2001);
        Assert.Equal("Emulator S/MIME", profile.GetProperty("name").GetString());
        Assert.Equal([365, 730], profile.GetProperty("terms").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Contains("2048", profile.GetProperty("keyTypes").GetProperty("RSA").EnumerateArray().Select(e => e.GetString()));
        Assert.False(profile.GetProperty("useSecondaryOrgName").GetBoolean());
        Assert.DoesNotContain(json.RootElement.EnumerateArray(), p => p.GetProperty("id").GetInt32() == 2003);
    }

    [Fact]
    public async Task CustomFields_Default_ListsIdNameMandatory()
    {
        using var client = Running.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("api/smime/v1/customFields"));
        var field = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("Department", field.GetProperty("name").GetString());
        Assert.False(field.GetProperty("mandatory").GetBoolean());
    }

    [Fact]
    public async Task Domains_ListAndDetails_ShowDelegations()
    {
        using var client = Running.CreateClient();
        using var list = JsonDocument.Parse(await client.GetStringAsync("api/domain/v1"));
        var domain = list.RootElement.EnumerateArray().First(d => d.GetProperty("name").GetString() == "example.com");
        var id = domain.GetProperty("id").GetInt32();
        using var details = JsonDocument.Parse(await client.GetStringAsync($"api/domain/v1/{id}"));
        var delegation = Assert.Single(details.RootElement.GetProperty("delegations").EnumerateArray());
        Assert.Equal(1001, delegation.GetProperty("orgId").GetInt32());
        Assert.Contains("SMIME", delegation.GetProperty("certTypes").EnumerateArray().Select(e => e.GetString()));
        using var missing = await client.GetAsync("api/domain/v1/9999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
