using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Tests.Contract;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary>
/// Every path the emulator serves, answered on each surface and checked against its document by the
/// <see cref="ContractCheckingHandler"/> all emulator clients of this assembly use; and proof that the checks catch a drift.
/// </summary>
public sealed class ContractTests
{
    [Fact]
    public async Task AdminSurface_EveryServedPath_MatchesTheOpenApiDocument()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        var statuses = new List<int>();
        async Task<JsonDocument?> Call(HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await admin.SendAsync(request);
            statuses.Add((int)response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            return text.StartsWith('{') || text.StartsWith('[') ? JsonDocument.Parse(text) : null;
        }

        var enroll = new { orgId = 1001, csr = TestCsr.Ec("k@example.com"), certType = 2001, term = 365, email = "k@example.com", firstName = "K", lastName = "L" };
        using var enrolled = await Call(HttpMethod.Post, "api/smime/v2/enroll", enroll);
        var id = enrolled!.RootElement.GetProperty("backendCertId").GetString();
        string[] gets =
        [
            "api/smime/v2?size=10&position=0", "api/smime/v2/types", "api/smime/v2/customFields", $"api/smime/v2/collect/{id}",
            $"api/smime/v2/{id}", "api/smime/v2/999999", "api/smime/v2/collect/999999", "api/organization/v1", "api/organization/v1/1001",
            "api/organization/v1/999", "api/domain/v1?size=5", "api/domain/v1/501", "api/domain/v1/999", "api/person/v2?size=5",
            "api/person/v2/id/byEmail/k%40example.com", "api/device/v1/types",
        ];
        foreach (var path in gets)
        {
            (await Call(HttpMethod.Get, path))?.Dispose();
        }

        using var list = await Call(HttpMethod.Get, "api/smime/v2?size=1");
        var serial = list!.RootElement[0].GetProperty("serialNumber").GetString()!.Replace(":", string.Empty, StringComparison.Ordinal);
        (await Call(HttpMethod.Post, $"api/smime/v2/renew/order/{id}"))?.Dispose();
        (await Call(HttpMethod.Post, $"api/smime/v2/renew/serial/{serial}"))?.Dispose();
        (await Call(HttpMethod.Post, $"api/smime/v2/revoke/order/{id}", new { reasonCode = "4", reason = "superseded" }))?.Dispose();
        (await Call(HttpMethod.Post, $"api/smime/v2/revoke/serial/{serial}", new { reason = "again" }))?.Dispose();
        (await Call(HttpMethod.Post, "api/smime/v2/revoke", new { email = "k@example.com", reason = "all" }))?.Dispose();
        (await Call(HttpMethod.Post, "api/smime/v2/revoke", new { email = "nobody@example.com" }))?.Dispose();

        (await Call(HttpMethod.Post, "api/person/v2", new
        {
            firstName = "P", lastName = "Q", email = "pq@example.com", organizationId = 1001, validationType = "STANDARD",
        }))?.Dispose();
        using var person = await Call(HttpMethod.Get, "api/person/v2/id/byEmail/pq%40example.com");
        var personId = person!.RootElement.GetProperty("personId").GetInt64();
        (await Call(HttpMethod.Get, $"api/person/v2/{personId}"))?.Dispose();
        (await Call(HttpMethod.Put, $"api/person/v2/{personId}", new
        {
            firstName = "P", lastName = "R", email = "pq@example.com", organizationId = 1001, validationType = "HIGH",
        }))?.Dispose();
        (await Call(HttpMethod.Delete, $"api/person/v2/{personId}"))?.Dispose();

        (await Call(HttpMethod.Post, "api/domain/v1", new { name = "c.example.net", delegations = new[] { new { orgId = 1001, certTypes = new[] { "SMIME" } } } }))?.Dispose();
        (await Call(HttpMethod.Post, "api/domain/v1/501/delegation", new { orgId = 1101, certTypes = new[] { "SMIME" } }))?.Dispose();
        (await Call(HttpMethod.Post, "api/domain/v1/501/delegation/approve", new { orgId = 1101 }))?.Dispose();
        (await Call(HttpMethod.Post, "api/domain/v1/502/delegation", new { orgId = 1101, certTypes = new[] { "SMIME" } }))?.Dispose();
        (await Call(HttpMethod.Post, "api/domain/v1/502/delegation/reject", new { orgId = 1101 }))?.Dispose();
        (await Call(HttpMethod.Put, "api/domain/v1/502/suspend"))?.Dispose();
        (await Call(HttpMethod.Put, "api/domain/v1/502/activate"))?.Dispose();

        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var deviceCsr = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=dev.example.com", key, System.Security.Cryptography.HashAlgorithmName.SHA256).CreateSigningRequestPem();
        running.Behavior.DeviceApprovalRequired = true;
        using var device = await Call(HttpMethod.Post, "api/device/v1/enroll", new { orgId = 1001, csr = deviceCsr, certType = 2003, term = 365 });
        var deviceId = device!.RootElement.GetProperty("deviceCertId").GetInt64();
        (await Call(HttpMethod.Post, $"api/device/v1/approve/{deviceId}"))?.Dispose();
        (await Call(HttpMethod.Post, $"api/device/v1/decline/{deviceId}"))?.Dispose();
        (await Call(HttpMethod.Get, $"api/device/v1/collect/{deviceId}"))?.Dispose();
        (await Call(HttpMethod.Get, $"api/device/v1/{deviceId}"))?.Dispose();

        Assert.Contains(200, statuses);
        Assert.Contains(204, statuses);
        Assert.Contains(201, statuses);
        Assert.Contains(400, statuses);
        Assert.Contains(404, statuses);
    }

    [Fact]
    public void AdminContract_UndocumentedStatusOrWrongType_IsADrift()
    {
        Assert.Null(AdminOperationsContract.Check("GET", "/api/smime/v2/types", 200, "application/json", false, """[{"id":1,"name":"n","terms":[365]}]"""u8.ToArray()));
        Assert.NotNull(AdminOperationsContract.Check("GET", "/api/smime/v2/types", 200, "application/json", false, """[{"id":"one"}]"""u8.ToArray()));
        Assert.Contains("not documented", AdminOperationsContract.Check("GET", "/api/smime/v2/types", 418, "application/json", false, "{}"u8.ToArray()));
        Assert.Contains("WWW-Authenticate", AdminOperationsContract.Check("GET", "/api/smime/v2/types", 401, "application/json", false,
            """{"code":-16,"description":"x"}"""u8.ToArray()));
        Assert.NotNull(AdminOperationsContract.Check("GET", "/api/smime/v2/types", 400, "application/json", false, "{}"u8.ToArray()));
    }

    [Fact]
    public void ClassicContract_FieldNotInTheReference_IsADrift()
    {
        Assert.Null(ClassicFieldsContract.Check("GET", "/api/smime/v1/types", 200, """[{"id":1,"name":"n","terms":[365]}]"""u8.ToArray()));
        var drift = ClassicFieldsContract.Check("GET", "/api/smime/v1/55", 200, Encoding.UTF8.GetBytes("""{"id":55,"requestedVia":"API Enroll","email":"a@b"}"""));
        Assert.Contains("email", drift, StringComparison.Ordinal);
        Assert.DoesNotContain("requestedVia", drift, StringComparison.Ordinal);
    }
}
