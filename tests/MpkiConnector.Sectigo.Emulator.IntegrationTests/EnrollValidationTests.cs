using System.Net;
using System.Net.Http.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class EnrollValidationTests
{
    [Fact]
    public async Task Enroll_MissingFirstName_Minus7()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var response = await client.PostAsJsonAsync("api/smime/v1/enroll", new
        {
            orgId = 1001, csr = TestCsr.Ec("a@example.com"), certType = 2001, term = 365, email = "a@example.com", lastName = "X",
        });
        var error = await ScmCalls.ErrorAsync(response);
        Assert.Equal((400, -7), (error.Status, error.Code));
        Assert.Contains("firstName", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_MandatoryCustomFieldMissing_Minus62()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Customers[0].CustomFields[0].Mandatory = true);
        using var client = running.CreateClient();
        using var missing = await ScmCalls.EnrollAsync(client, "b@example.com");
        Assert.Equal(-62, (await ScmCalls.ErrorAsync(missing)).Code);
        using var given = await client.PostAsJsonAsync("api/smime/v1/enroll", new
        {
            orgId = 1001, csr = TestCsr.Ec("b@example.com"), certType = 2001, term = 365, email = "b@example.com",
            firstName = "B", lastName = "X", customFields = new[] { new { name = "Department", value = "Mail" } },
        });
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
    }

    [Fact]
    public async Task Enroll_UnknownOrg_Minus639_DepartmentAccepted()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var unknown = await ScmCalls.EnrollAsync(client, "c@example.com", orgId: 4711);
        Assert.Equal(-639, (await ScmCalls.ErrorAsync(unknown)).Code);
        using var department = await ScmCalls.EnrollAsync(client, "c@example.com", orgId: 1101);
        Assert.Equal(HttpStatusCode.OK, department.StatusCode);
    }

    [Fact]
    public async Task Enroll_V2AndPrivatePath_BothCreateOrders()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        using var privateClient = running.CreateClient(password: null);
        using var v2 = await admin.PostAsJsonAsync("api/smime/v2/enroll", new
        {
            orgId = 1001, csr = TestCsr.Ec("d@example.com"), certType = 2001, term = 730, email = "d@example.com", firstName = "D", lastName = "X",
        });
        using var viaPrivate = await privateClient.PostAsJsonAsync("private/api/smime/v1/enroll", new
        {
            orgId = "1001", csr = TestCsr.Ec("d@example.com"), certType = "2001", term = "365", email = "d@example.com", firstName = "D", lastName = "X",
        });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (v2.StatusCode, viaPrivate.StatusCode));
        Assert.Equal(2, await running.Emulator.CountOrdersAsync(running.CustomerUri));
    }

    [Fact]
    public async Task Enroll_MalformedBody_AnswersScmErrorBody()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var content = new StringContent("{\"orgId\": ", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("api/smime/v1/enroll", content);
        Assert.Equal((400, -1), ((int)response.StatusCode, (await ScmCalls.ErrorAsync(response)).Code));
    }
}
