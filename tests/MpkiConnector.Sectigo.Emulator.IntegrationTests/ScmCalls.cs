using System.Net.Http.Json;
using System.Text.Json;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary>Raw SCM calls used by the tests.</summary>
internal static class ScmCalls
{
    public static Task<HttpResponseMessage> EnrollAsync(
        HttpClient client, string email, string? csr = null, int term = 365, int certType = RunningEmulator.DefaultProfileId,
        int orgId = RunningEmulator.DefaultOrganizationId, string? comments = null) =>
        client.PostAsJsonAsync("api/smime/v1/enroll", new
        {
            orgId,
            csr = csr ?? TestCsr.Ec(email),
            certType,
            term,
            email,
            firstName = "Alice",
            lastName = "Example",
            comments,
        });

    public static async Task<string> EnrollOkAsync(HttpClient client, string email, string? comments = null, string? csr = null)
    {
        using var response = await EnrollAsync(client, email, csr, comments: comments);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"enroll failed: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("backendCertId").GetString()!;
    }

    /// <summary>A client of the Admin Operations surface: a bearer token of the token endpoint (client credentials of the default account).</summary>
    public static async Task<HttpClient> CreateAdminClientAsync(RunningEmulator running, string clientId = "operator-client", string clientSecret = "operator-secret")
    {
        var client = running.CreateBareClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(client, clientId, clientSecret));
        return client;
    }

    /// <summary>Fetches an access token with the client-credentials grant.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string clientId, string clientSecret)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });
        using var response = await client.PostAsync("auth/realms/apiclients/protocol/openid-connect/token", form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<(int Status, int Code, string Description)> ErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return ((int)response.StatusCode, json.RootElement.GetProperty("code").GetInt32(), json.RootElement.GetProperty("description").GetString()!);
    }

    public static async Task<string> CollectPemAsync(HttpClient client, string id, string format = "x509")
    {
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync($"api/smime/v1/collect/{id}?format={format}");
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync();
            }
        }

        throw new InvalidOperationException("never issued");
    }
}
