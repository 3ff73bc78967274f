using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary>
/// The Admin Operations enrollment endpoints, web-form accounts and invitations over real HTTP (every answer is also
/// checked against the OpenAPI document by the assembly's contract handler).
/// </summary>
public sealed class EnrollmentEndpointTests
{
    [Fact]
    public async Task EndpointRoutes_CreateListGetUpdateConfigDelete_AnswerAsDocumented()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var admin = await ScmCalls.CreateAdminClientAsync(running);

        using var created = await admin.PostAsync(
            "api/endpoint/v1?name=Laptops&endpointType=DEVICE_WEB_FORM&uriExtension=laptops&config.webFormAuthTypes=EMAIL_CONFIRMATION&config.webFormAuthTypes=IDP&orgDelegations=1001",
            null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.Segments[^1], System.Globalization.CultureInfo.InvariantCulture);

        using var list = await admin.GetAsync("api/endpoint/v1?size=10&position=0&endpointTypes=DEVICE_WEB_FORM");
        Assert.Equal("2", list.Headers.GetValues("X-Total-Count").Single());
        using var byName = await admin.GetAsync("api/endpoint/v1?name=Laptops");
        var item = (await byName.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal(("Laptops", "CUSTOMIZED"), (item.GetProperty("name").GetString(), item.GetProperty("delegationMode").GetString()));

        var details = await admin.GetFromJsonAsync<JsonElement>($"api/endpoint/v1/{id}");
        Assert.Equal(new Uri(running.BaseAddress, "enroll/laptops").ToString(), details.GetProperty("url").GetString());
        Assert.Equal(["EMAIL_CONFIRMATION", "IDP"], details.GetProperty("webFormAuthTypes").EnumerateArray().Select(e => e.GetString()));

        using var updated = await admin.PutAsJsonAsync($"api/endpoint/v1/{id}", new { name = "Laptops 2", config = new { enrollmentHelp = "Ask IT" } });
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        using var config = await admin.PutAsJsonAsync($"api/endpoint/v1/{id}/config", new { webFormAuthTypes = new[] { "SECRET_ID" }, contactName = "IT" });
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        var read = await admin.GetFromJsonAsync<JsonElement>($"api/endpoint/v1/{id}/config");
        Assert.Equal(("Ask IT", "IT", "SECRET_ID"), (read.GetProperty("enrollmentHelp").GetString(), read.GetProperty("contactName").GetString(),
            read.GetProperty("webFormAuthTypes")[0].GetString()));

        using var duplicate = await admin.PostAsJsonAsync("api/endpoint/v1", new { name = "x", endpointType = "SMIME_WEB_FORM", uriExtension = "laptops" });
        Assert.Equal((400, -1601), Short(await ScmCalls.ErrorAsync(duplicate)));
        using var badType = await admin.PostAsJsonAsync("api/endpoint/v1", new { name = "x", endpointType = "SSL_WEB_FORM", uriExtension = "ssl" });
        Assert.Equal((400, -1601), Short(await ScmCalls.ErrorAsync(badType)));
        using var badAuth = await admin.PutAsJsonAsync($"api/endpoint/v1/{id}/config", new { webFormAuthTypes = new[] { "PASSWORD" } });
        Assert.Equal(HttpStatusCode.BadRequest, badAuth.StatusCode);
        using var missing = await admin.PostAsync("api/endpoint/v1?endpointType=SMIME_WEB_FORM&uriExtension=m", null);
        Assert.Equal((400, -7), Short(await ScmCalls.ErrorAsync(missing)));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/endpoint/v1/{id}")).StatusCode);
        foreach (var path in new[] { $"api/endpoint/v1/{id}", $"api/endpoint/v1/{id}/config", $"api/endpoint/v1/{id}/account" })
        {
            using var gone = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using var goneDelete = await admin.DeleteAsync($"api/endpoint/v1/{id}");
        Assert.Equal(HttpStatusCode.NotFound, goneDelete.StatusCode);
        using var classic = running.CreateClient();
        using var notClassic = await classic.GetAsync("api/endpoint/v1");
        Assert.Equal(HttpStatusCode.NotFound, notClassic.StatusCode);
    }

    [Fact]
    public async Task AccountRoutes_AccessCodeInUse_AnswersInvalidField()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        var smime = await EndpointIdAsync(admin, "smime");

        var account = new { name = "Contractors", type = "SMIME_WEB_FORM", organizationId = 1001, profileIds = new[] { 2001 }, accountAuthMethod = "ACCESS_CODE", accessCode = (string?)"contractor-code" };
        using var created = await admin.PostAsJsonAsync($"api/endpoint/v1/{smime}/account", account);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accountPath = created.Headers.Location!.AbsolutePath.TrimStart('/');

        using var again = await admin.PostAsJsonAsync($"api/endpoint/v1/{smime}/account", account with { name = "Other" });
        var (status, code, description) = await ScmCalls.ErrorAsync(again);
        Assert.Equal((400, -1601), (status, code));
        Assert.Contains("accessCode", description, StringComparison.Ordinal);
        using var seededCode = await admin.PostAsJsonAsync($"api/endpoint/v1/{smime}/account", account with { name = "Other", accessCode = "staff-access-code" });
        Assert.Equal(HttpStatusCode.BadRequest, seededCode.StatusCode);
        using var noCode = await admin.PostAsJsonAsync($"api/endpoint/v1/{smime}/account", account with { name = "Other", accessCode = (string?)null });
        Assert.Equal((400, -7), Short(await ScmCalls.ErrorAsync(noCode)));
        using var deviceProfile = await admin.PostAsJsonAsync($"api/endpoint/v1/{smime}/account", account with { name = "Other", profileIds = new[] { 2003 }, accessCode = "x1" });
        Assert.Equal(HttpStatusCode.BadRequest, deviceProfile.StatusCode);

        var details = await admin.GetFromJsonAsync<JsonElement>(accountPath);
        Assert.Equal(("ACCESS_CODE", "contractor-code", 2001), (details.GetProperty("accountAuthMethod").GetString(),
            details.GetProperty("accessCode").GetString(), details.GetProperty("profileIds")[0].GetInt32()));
        using var update = await admin.PutAsJsonAsync(accountPath, account with { accountAuthMethod = "NONE", accessCode = (string?)null });
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        using var list = await admin.GetAsync($"api/endpoint/v1/{smime}/account?size=1&position=1");
        Assert.Equal("2", list.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("Contractors", (await list.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("name").GetString());
        using var badSize = await admin.GetAsync($"api/endpoint/v1/{smime}/account?size=500");
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(accountPath)).StatusCode);
        using var gone = await admin.GetAsync(accountPath);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var goneUpdate = await admin.PutAsJsonAsync(accountPath, account);
        Assert.Equal(HttpStatusCode.NotFound, goneUpdate.StatusCode);
        using var noEndpoint = await admin.PostAsJsonAsync("api/endpoint/v1/999999/account", account);
        Assert.Equal(HttpStatusCode.NotFound, noEndpoint.StatusCode);
    }

    [Fact]
    public async Task SendInvitation_PersonOfTheOrganisation_MailsTheEnrollmentLinkOverSmtp()
    {
        await using var smtp = await CapturingSmtpServer.StartAsync();
        await using var running = await RunningEmulator.StartAsync(o =>
        {
            o.Mail.SmtpPort = smtp.Port;
            o.PublicBaseUrl = "http://enroll.test:8080/";
        });
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        var personId = await CreatePersonAsync(admin, "dana@example.com");

        var endpoints = await admin.GetFromJsonAsync<JsonElement>($"api/person/v2/{personId}/invitation/endpoint");
        var smime = endpoints.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "Client certificates");
        Assert.Equal("http://enroll.test:8080/enroll/smime", smime.GetProperty("url").GetString());
        var accounts = await admin.GetFromJsonAsync<JsonElement>($"api/person/v2/{personId}/invitation/endpoint/{smime.GetProperty("id").GetInt32()}/account");
        Assert.Equal("Emulator S/MIME", accounts[0].GetProperty("profiles")[0].GetString());

        using var sent = await admin.PostAsJsonAsync($"api/person/v2/{personId}/invitation/send", new { accountId = accounts[0].GetProperty("id").GetInt32() });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var message = (await smtp.WaitForAsync(1, TimeSpan.FromSeconds(20))).Single();
        Assert.Equal(["dana@example.com"], message.Recipients);
        var text = Encoding.UTF8.GetString(message.Data);
        Assert.Matches(@"http://enroll\.test:8080/enroll/smime/invitation/[A-Za-z0-9_-]{40,}", text);

        using var noAccount = await admin.PostAsJsonAsync($"api/person/v2/{personId}/invitation/send", new { accountId = 999999 });
        Assert.Equal((400, -1601), Short(await ScmCalls.ErrorAsync(noAccount)));
        using var missingAccount = await admin.PostAsJsonAsync($"api/person/v2/{personId}/invitation/send", new { });
        Assert.Equal((400, -7), Short(await ScmCalls.ErrorAsync(missingAccount)));
        using var noPerson = await admin.PostAsJsonAsync("api/person/v2/999999/invitation/send", new { accountId = 1 });
        Assert.Equal((404, -105), Short(await ScmCalls.ErrorAsync(noPerson)));
        using var noPersonList = await admin.GetAsync("api/person/v2/999999/invitation/endpoint");
        Assert.Equal(HttpStatusCode.BadRequest, noPersonList.StatusCode);
        using var noPersonAccounts = await admin.GetAsync("api/person/v2/999999/invitation/endpoint/1/account");
        Assert.Equal(HttpStatusCode.NotFound, noPersonAccounts.StatusCode);
        using var noEndpoint = await admin.GetAsync($"api/person/v2/{personId}/invitation/endpoint/999999/account");
        Assert.Equal(HttpStatusCode.NotFound, noEndpoint.StatusCode);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task SendInvitation_NoSmtpConfigured_WritesAnEmlFileToTheMailFolder()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        var personId = await CreatePersonAsync(admin, "erin@example.com");
        var device = await EndpointIdAsync(admin, "device");
        var accounts = await admin.GetFromJsonAsync<JsonElement>($"api/person/v2/{personId}/invitation/endpoint/{device}/account");

        using var sent = await admin.PostAsJsonAsync($"api/person/v2/{personId}/invitation/send", new { accountId = accounts[0].GetProperty("id").GetInt32() });

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(running.DataDirectory, "mail"), "*.eml"));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("To: erin@example.com", text, StringComparison.Ordinal);
        Assert.Contains(new Uri(running.BaseAddress, "enroll/device/invitation/").ToString(), text, StringComparison.Ordinal);

        // The classic 25.5 reference documents the same V2 route with header login: it is served there too.
        using var classic = running.CreateClient();
        using var classicSent = await classic.PostAsJsonAsync($"api/person/v2/{personId}/invitation/send", new { accountId = accounts[0].GetProperty("id").GetInt32() });
        Assert.Equal(HttpStatusCode.Accepted, classicSent.StatusCode);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(running.DataDirectory, "mail"), "*.eml").Length);
    }

    internal static async Task<int> EndpointIdAsync(HttpClient admin, string uriExtension)
    {
        var found = await admin.GetFromJsonAsync<JsonElement>($"api/endpoint/v1?uriExtension={uriExtension}");
        return found[0].GetProperty("id").GetInt32();
    }

    internal static async Task<long> CreatePersonAsync(HttpClient admin, string email)
    {
        using var created = await admin.PostAsJsonAsync("api/person/v2", new
        {
            firstName = "Dana", lastName = "Example", email, organizationId = 1001, validationType = "STANDARD",
        });
        created.EnsureSuccessStatusCode();
        var found = await admin.GetFromJsonAsync<JsonElement>($"api/person/v2/id/byEmail/{Uri.EscapeDataString(email)}");
        return found.GetProperty("personId").GetInt64();
    }

    private static (int Status, int Code) Short((int Status, int Code, string Description) error) => (error.Status, error.Code);
}
