using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary>The CA's own clock: orders settle by time and approval, seen in list, details and collect without a collect.</summary>
public sealed class ClockTests
{
    [Fact]
    public async Task List_DelayPassed_ShowsIssuedWithoutAnyCollect()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var running = await RunningEmulator.StartAsync(time, o => o.Behavior.IssueAfterSeconds = 600);
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "clock@example.com");
        Assert.Equal("requested", await StateInListAsync(client, id));

        time.Advance(TimeSpan.FromSeconds(601));
        Assert.Equal("issued", await StateInListAsync(client, id));
        using var details = JsonDocument.Parse(await client.GetStringAsync($"api/smime/v1/{id}"));
        Assert.Equal("issued", details.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, (await running.Emulator.GetOrderAsync(running.CustomerUri, long.Parse(id)))!.CollectCount);
    }

    [Fact]
    public async Task Renewal_DelayPassed_IssuedByTheClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var running = await RunningEmulator.StartAsync(time, o => o.Behavior.IssueAfterSeconds = 60);
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "renew-clock@example.com");
        time.Advance(TimeSpan.FromSeconds(61));
        using var renew = await client.PostAsync($"api/smime/v2/renew/order/{id}", null);
        using var json = JsonDocument.Parse(await renew.Content.ReadAsStringAsync());
        var renewed = json.RootElement.GetProperty("backendCertId").GetString()!;
        Assert.Equal("requested", await StateInListAsync(client, renewed));

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("issued", await StateInListAsync(client, renewed));
    }

    [Fact]
    public async Task Collect_DeclineOrders_AnswersNotCollectableAndListsRejected()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.DeclineOrders = true);
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "declined@example.com");
        using var collect = await client.GetAsync($"api/smime/v1/collect/{id}");
        Assert.Equal((400, -183), ((int)collect.StatusCode, (await ScmCalls.ErrorAsync(collect)).Code));
        Assert.Equal("rejected", await StateInListAsync(client, id));
    }

    [Fact]
    public async Task DeviceOrder_ApprovalRequired_IssuedOnlyAfterApprove()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.DeviceApprovalRequired = true);
        using var client = running.CreateClient();
        var first = await DeviceEnrollAsync(client, "a.example.com");
        var second = await DeviceEnrollAsync(client, "b.example.com");
        using var pending = await client.GetAsync($"api/device/v1/collect/{first}");
        Assert.Equal((400, 0), ((int)pending.StatusCode, (await ScmCalls.ErrorAsync(pending)).Code));

        using var approve = await client.PostAsync($"api/device/v1/approve/{first}", null);
        using var decline = await client.PostAsync($"api/device/v1/decline/{second}", null);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (approve.StatusCode, decline.StatusCode));
        using var details = JsonDocument.Parse(await client.GetStringAsync($"api/device/v1/{first}"));
        Assert.Equal("issued", details.RootElement.GetProperty("status").GetString());
        Assert.Equal("rejected", (await running.Emulator.GetOrderAsync(running.CustomerUri, second))!.State);
        using var again = await client.PostAsync($"api/device/v1/approve/{second}", null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Theory]
    [InlineData(PendingAnswerPreset.NotCollectable, -183, "Certificate is not collectable.")]
    [InlineData(PendingAnswerPreset.RequestInProcess, -1400, "The request is being processed by Sectigo.")]
    public async Task Collect_PendingPresetPerAccount_AnswersThePreset(PendingAnswerPreset preset, int code, string description)
    {
        await using var running = await RunningEmulator.StartAsync(o =>
            o.Customers[0].Accounts[0].Behavior = new EmulatorBehavior { IssueAfterCollects = 1, PendingPreset = preset, PendingCode = -1, PendingStatus = 418 });
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "preset@example.com");
        using var pending = await client.GetAsync($"api/smime/v1/collect/{id}");
        Assert.Equal((400, code, description), await ScmCalls.ErrorAsync(pending));
    }

    [Fact]
    public async Task Collect_RevokedPreset_AnswersPythonCertManagerVariant()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.RevokedPreset = RevokedAnswerPreset.PythonCertManager);
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "revoked-preset@example.com");
        using var revoke = await client.PostAsJsonAsync($"api/smime/v1/revoke/order/{id}", new { reason = "test" });
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var collect = await client.GetAsync($"api/smime/v1/collect/{id}");
        Assert.Equal((400, -192, "The Certificate has been revoked!"), await ScmCalls.ErrorAsync(collect));
    }

    private static async Task<long> DeviceEnrollAsync(HttpClient client, string name)
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var csr = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=" + name, key, System.Security.Cryptography.HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var enroll = await client.PostAsJsonAsync("api/device/v1/enroll",
            new { orgId = 1001, csr, certType = RunningEmulator.DeviceProfileId, term = 365 });
        using var json = JsonDocument.Parse(await enroll.Content.ReadAsStringAsync());
        Assert.Equal("REQUESTED", json.RootElement.GetProperty("status").GetString());
        return json.RootElement.GetProperty("deviceCertId").GetInt64();
    }

    private static async Task<string?> StateInListAsync(HttpClient client, string id)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"api/smime/v2?backendCertId={id}"));
        return Assert.Single(json.RootElement.EnumerateArray()).GetProperty("state").GetString();
    }
}
