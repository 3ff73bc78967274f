using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary>Domain management: create, delegate for S/MIME, approve or reject, and what an enroll sees meanwhile.</summary>
public sealed class DomainTests
{
    [Fact]
    public async Task CreateDelegateApprove_NewDomain_EnrollWaitsForApprovalThenValidation()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var created = await client.PostAsJsonAsync("api/domain/v1", new
        {
            name = "new.example.net", active = true, delegations = new[] { new { orgId = 1001, certTypes = new[] { "SMIME" } } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        using var details = JsonDocument.Parse(await client.GetStringAsync(location));
        var id = details.RootElement.GetProperty("id").GetInt32();
        Assert.Equal("REQUESTED", details.RootElement.GetProperty("delegationStatus").GetString());
        Assert.Equal("Not validated", details.RootElement.GetProperty("validationStatus").GetString());

        using var requested = JsonDocument.Parse(await client.GetStringAsync("api/domain/v1?status=requested"));
        Assert.Equal("new.example.net", Assert.Single(requested.RootElement.EnumerateArray()).GetProperty("name").GetString());
        using var beforeApproval = await ScmCalls.EnrollAsync(client, "x@new.example.net");
        Assert.Equal(-1010, (await ScmCalls.ErrorAsync(beforeApproval)).Code);

        using var approve = await client.PostAsJsonAsync($"api/domain/v1/{id}/delegation/approve", new { orgId = 1001 });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        using var beforeDcv = await ScmCalls.EnrollAsync(client, "x@new.example.net");
        Assert.Equal(running.Options.Errors.DomainNotValidated.Code, (await ScmCalls.ErrorAsync(beforeDcv)).Code);

        running.Emulator.Domain(running.CustomerUri, "new.example.net").Validated = true;
        using var enrolled = await ScmCalls.EnrollAsync(client, "x@new.example.net");
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
    }

    [Fact]
    public async Task Reject_RequestedDelegation_RemovesIt()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var delegate_ = await client.PostAsJsonAsync("api/domain/v1/501/delegation", new { orgId = 1101, certTypes = new[] { "SMIME" } });
        Assert.Equal(HttpStatusCode.OK, delegate_.StatusCode);
        using var reject = await client.PostAsJsonAsync("api/domain/v1/501/delegation/reject", new { orgId = 1101 });
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        Assert.DoesNotContain(running.Emulator.Domain(running.CustomerUri, "example.com").Delegations, d => d.OrgId == 1101);
        using var again = await client.PostAsJsonAsync("api/domain/v1/501/delegation/reject", new { orgId = 1101 });
        Assert.Equal(404, (await ScmCalls.ErrorAsync(again)).Status);
    }

    [Fact]
    public async Task Create_AccountWithoutDomainPrivilege_AnswersNotAuthorized()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Customers[0].Accounts[0].MayManageDomains = false);
        using var client = running.CreateClient();
        using var created = await client.PostAsJsonAsync("api/domain/v1", new
        {
            name = "nope.example.net", delegations = new[] { new { orgId = 1001, certTypes = new[] { "SMIME" } } },
        });
        Assert.Equal((400, -3), ((int)created.StatusCode, (await ScmCalls.ErrorAsync(created)).Code));
    }
}
