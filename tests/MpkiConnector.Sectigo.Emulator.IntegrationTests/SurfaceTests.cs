using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary>The two surfaces: classic (25.5 routes, header auth) and Admin Operations (v2 routes, OAuth2 bearer tokens).</summary>
public sealed class SurfaceTests
{
    [Theory]
    [InlineData("api/smime/v2/types")]
    [InlineData("api/smime/v2/customFields")]
    [InlineData("api/smime/v2/collect/1001")]
    [InlineData("api/smime/v2/1001")]
    public async Task ClassicAuth_AdminOnlyRoute_Answers404WithErrorBody(string path)
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var response = await client.GetAsync(path);
        var (status, code, description) = await ScmCalls.ErrorAsync(response);
        Assert.Equal((404, -1), (status, code));
        Assert.Contains("classic REST API", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/smime/v1/types")]
    [InlineData("api/smime/v1/1001")]
    [InlineData("api/smime/v2/byPersonEmail/a%40example.com")]
    [InlineData("api/person/v1")]
    public async Task BearerAuth_ClassicOnlyRoute_Answers404WithErrorBody(string path)
    {
        await using var running = await RunningEmulator.StartAsync();
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        using var response = await admin.GetAsync(path);
        var (status, _, description) = await ScmCalls.ErrorAsync(response);
        Assert.Equal(404, status);
        Assert.Contains("Admin Operations API", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassicServesAdminRoutes_Knob_AllowsV2EnrollWithHeaders()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.ClassicServesAdminRoutes = true);
        using var client = running.CreateClient();
        using var response = await client.GetAsync("api/smime/v2/types");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminSurface_EnrollCollectDetails_UseV2AndDateTimeFormats()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        using var enroll = await admin.PostAsJsonAsync("api/smime/v2/enroll", new
        {
            orgId = 1001, csr = TestCsr.Ec("v2@example.com"), certType = 2001, term = 365, email = "v2@example.com", firstName = "V", lastName = "Two",
        });
        using var answer = JsonDocument.Parse(await enroll.Content.ReadAsStringAsync());
        var id = answer.RootElement.GetProperty("backendCertId").GetString();
        using var collect = await admin.GetAsync($"api/smime/v2/collect/{id}?format=x509CO");
        Assert.Equal(HttpStatusCode.OK, collect.StatusCode);
        using var details = JsonDocument.Parse(await admin.GetStringAsync($"api/smime/v2/{id}"));
        var issued = details.RootElement.GetProperty("issued").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", issued);
        using var list = JsonDocument.Parse(await admin.GetStringAsync($"api/smime/v2?backendCertId={id}"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", Assert.Single(list.RootElement.EnumerateArray()).GetProperty("expires").GetString()!);

        using var classic = running.CreateClient();
        using var classicDetails = JsonDocument.Parse(await classic.GetStringAsync($"api/smime/v1/{id}"));
        Assert.Matches(@"^\d{2}/\d{2}/\d{4}$", classicDetails.RootElement.GetProperty("issued").GetString()!);
    }

    [Fact]
    public async Task Token_WrongSecret_Answers401InvalidClient()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateBareClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "operator-client", ["client_secret"] = "wrong",
        });
        using var response = await client.PostAsync("auth/realms/apiclients/protocol/openid-connect/token", form);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (response.StatusCode, json.RootElement.GetProperty("error").GetString()));
        Assert.Equal(-16, json.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Bearer_TokenExpired_Answers401WithWwwAuthenticate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var running = await RunningEmulator.StartAsync(time, o => o.TokenLifetimeSeconds = 120);
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        using var fresh = await admin.GetAsync("api/organization/v1");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        time.Advance(TimeSpan.FromSeconds(121));
        using var expired = await admin.GetAsync("api/organization/v1");
        Assert.Equal((401, -16), ((int)expired.StatusCode, (await ScmCalls.ErrorAsync(expired)).Code));
        var challenge = Assert.Single(expired.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("/auth/realms/apiclients/protocol/openid-connect/token", challenge.Parameter, StringComparison.Ordinal);
    }
}
