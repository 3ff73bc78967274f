using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class RevokeListTests
{
    [Fact]
    public async Task RevokeOrder_ThenCollect_AnswersRevokedCode()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "kim@example.com");
        await ScmCalls.CollectPemAsync(client, id);
        using var revoke = await client.PostAsJsonAsync($"api/smime/v1/revoke/order/{id}", new { reasonCode = 1, reason = "key lost" });
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var collect = await client.GetAsync($"api/smime/v1/collect/{id}?format=x509");
        Assert.Equal((400, -110), ((int)collect.StatusCode, (await ScmCalls.ErrorAsync(collect)).Code));

        running.Behavior.RevokedCode = -192;
        using var again = await client.GetAsync($"api/smime/v1/collect/{id}?format=x509");
        Assert.Equal((400, -192, "The Certificate has been revoked!"), await ScmCalls.ErrorAsync(again));

        using var twice = await client.PostAsJsonAsync($"api/smime/v1/revoke/order/{id}", new { reason = "again" });
        Assert.Equal(-159, (await ScmCalls.ErrorAsync(twice)).Code);
        Assert.Equal(1, (await running.Emulator.GetOrderAsync(running.CustomerUri, long.Parse(id)))!.ReasonCode);
    }

    [Fact]
    public async Task RevokeSerial_ColonHexOrPlain_RevokesAndCrlListsIt()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "lee@example.com");
        using var certificate = X509Certificate2.CreateFromPem(await ScmCalls.CollectPemAsync(client, id, "x509CO"));
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        using var revoke = await admin.PostAsJsonAsync($"api/smime/v2/revoke/serial/{certificate.SerialNumber}",
            new { reasonCode = "keyCompromise", reason = "lost" });
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal("revoked", (await running.Emulator.GetOrderAsync(running.CustomerUri, long.Parse(id)))!.State);

        var crl = await client.GetByteArrayAsync("crl/issuing.crl");
        var builder = System.Security.Cryptography.X509Certificates.CertificateRevocationListBuilder.Load(crl, out _);
        Assert.True(builder.RemoveEntry(Convert.FromHexString(certificate.SerialNumber)));
    }

    [Fact]
    public async Task RevokeByEmail_AllIssued_Revoked_UnknownPersonMinus105()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var first = await ScmCalls.EnrollOkAsync(client, "max@example.com");
        var second = await ScmCalls.EnrollOkAsync(client, "max@example.com");
        await ScmCalls.CollectPemAsync(client, first);
        await ScmCalls.CollectPemAsync(client, second);
        using var revoke = await client.PostAsJsonAsync("api/smime/v1/revoke", new { email = "max@example.com", reasonCode = 4, reason = "superseded" });
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var orders = await running.Emulator.GetOrdersAsync(running.CustomerUri);
        Assert.All(orders, o => Assert.Equal("revoked", o.State));
        using var unknown = await client.PostAsJsonAsync("api/smime/v1/revoke", new { email = "nobody@example.com", reason = "x" });
        Assert.Equal(-105, (await ScmCalls.ErrorAsync(unknown)).Code);
        using var badReason = await client.PostAsJsonAsync($"api/smime/v1/revoke/order/{first}", new { reasonCode = 2, reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
    }

    [Fact]
    public async Task RevokeOrder_NotIssuedYet_AnswersMinus102()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.IssueAfterSeconds = 3600);
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "ned@example.com");
        using var revoke = await client.PostAsJsonAsync($"api/smime/v1/revoke/order/{id}", new { reason = "x" });
        Assert.Equal(-102, (await ScmCalls.ErrorAsync(revoke)).Code);
    }

    [Fact]
    public async Task List_Paging_HonoursSizePositionAndTotalCount()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.IssueAfterSeconds = 3600);
        using var client = running.CreateClient();
        for (var i = 0; i < 7; i++)
        {
            await ScmCalls.EnrollOkAsync(client, $"user{i}@example.com", comments: $"corr-{i}");
        }

        using var page = await client.GetAsync("api/smime/v2?size=3&position=3");
        Assert.Equal("7", page.Headers.GetValues("X-Total-Count").Single());
        using var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["corr-3", "corr-4", "corr-5"], items.Select(i => i.GetProperty("comments").GetString()));
        Assert.Equal("requested", items[0].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, items[0].GetProperty("backendCertId").ValueKind);

        using var head = new HttpRequestMessage(HttpMethod.Head, "api/smime/v2?email=user1@example.com");
        using var counted = await client.SendAsync(head);
        Assert.Equal("1", counted.Headers.GetValues("X-Total-Count").Single());

        using var tooBig = await client.GetAsync("api/smime/v2?size=201");
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    [Fact]
    public async Task List_MoreThan200_SecondPageHoldsTheRest()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var csr = TestCsr.Ec("bulk@example.com");
        for (var i = 0; i < 205; i++)
        {
            await ScmCalls.EnrollOkAsync(client, $"bulk{i}@example.com", csr: csr);
        }

        using var first = await client.GetAsync("api/smime/v2?size=200&position=0");
        using var second = await client.GetAsync("api/smime/v2?size=200&position=200");
        using var firstJson = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var secondJson = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("205", first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(200, firstJson.RootElement.GetArrayLength());
        Assert.Equal(5, secondJson.RootElement.GetArrayLength());
        var ids = firstJson.RootElement.EnumerateArray().Concat(secondJson.RootElement.EnumerateArray())
            .Select(e => e.GetProperty("backendCertId").GetString()).ToHashSet();
        Assert.Equal(205, ids.Count);
    }

    [Fact]
    public async Task List_Issued_ShowsSerialExpiresAndDetails()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "olga@example.com", comments: "corr-x");
        using var certificate = X509Certificate2.CreateFromPem(await ScmCalls.CollectPemAsync(client, id, "x509CO"));
        using var json = JsonDocument.Parse(await client.GetStringAsync($"api/smime/v2?serialNumber={certificate.SerialNumber}"));
        var item = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("issued", item.GetProperty("state").GetString());
        Assert.Equal(certificate.SerialNumber, item.GetProperty("serialNumber").GetString()!.Replace(":", string.Empty, StringComparison.Ordinal));
        Assert.Equal(certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            item.GetProperty("expires").GetString());
        Assert.Contains("olga@example.com", item.GetProperty("certificateDetails").GetProperty("subjectAltNames").GetString(), StringComparison.Ordinal);

        using var details = JsonDocument.Parse(await client.GetStringAsync($"api/smime/v1/{id}"));
        Assert.Equal("issued", details.RootElement.GetProperty("status").GetString());
        Assert.Equal("corr-x", details.RootElement.GetProperty("comments").GetString());
        Assert.Matches(@"^\d\d/\d\d/\d{4}$", details.RootElement.GetProperty("expires").GetString()!);
    }

    [Fact]
    public async Task ByPersonEmail_KnownAndUnknown_ItemsOrMinus105()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        await ScmCalls.EnrollOkAsync(client, "pia@example.com", comments: "corr-pia");
        using var json = JsonDocument.Parse(await client.GetStringAsync("api/smime/v2/byPersonEmail/pia%40example.com"));
        Assert.Equal("corr-pia", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("comments").GetString());
        using var unknown = await client.GetAsync("api/smime/v2/byPersonEmail/nobody%40example.com");
        var error = await ScmCalls.ErrorAsync(unknown);
        Assert.Equal((-105, "Person not found."), (error.Code, error.Description));
    }

    [Fact]
    public async Task Restart_SameDataFolder_KeepsOrdersCertificatesAndCa()
    {
        await using var running = await RunningEmulator.StartAsync();
        string id;
        string serial;
        var rootThumbprint = running.Emulator.RootCertificate.Thumbprint;
        using (var client = running.CreateClient())
        {
            id = await ScmCalls.EnrollOkAsync(client, "quinn@example.com", comments: "keep-me");
            using var certificate = X509Certificate2.CreateFromPem(await ScmCalls.CollectPemAsync(client, id, "x509CO"));
            serial = certificate.SerialNumber;
            await ScmCalls.EnrollOkAsync(client, "quinn2@example.com");
        }

        await running.RestartAsync();
        Assert.Equal(rootThumbprint, running.Emulator.RootCertificate.Thumbprint);
        Assert.Equal(2, await running.Emulator.CountOrdersAsync());
        using var after = running.CreateClient();
        using var again = X509Certificate2.CreateFromPem(await ScmCalls.CollectPemAsync(after, id, "x509CO"));
        Assert.Equal(serial, again.SerialNumber);
        var next = await ScmCalls.EnrollOkAsync(after, "quinn3@example.com");
        Assert.True(long.Parse(next) > long.Parse(id));
    }
}
