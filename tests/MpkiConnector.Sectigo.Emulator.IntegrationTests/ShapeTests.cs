using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.Pkcs;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary>The documented shapes: PKCS#7 in strict DER, error bodies on routing errors, detail fields, domain list filters.</summary>
public sealed class ShapeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private RunningEmulator Running => fixture.Running;

    [Fact]
    public async Task CollectBin_Pkcs7_IsStrictDerThatOpenSslAndDotNetRead()
    {
        using var client = Running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "der@example.com");
        var bin = await client.GetByteArrayAsync($"api/smime/v1/collect/{id}?format=bin");
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "chain.p7b");
        await File.WriteAllBytesAsync(path, bin);

        var parsed = await OpenSslRunner.RunSuccessfullyAsync("asn1parse", "-inform", "DER", "-in", path);
        Assert.DoesNotContain("l=inf", parsed, StringComparison.Ordinal);
        var printed = await OpenSslRunner.RunSuccessfullyAsync("pkcs7", "-inform", "DER", "-in", path, "-print_certs", "-noout");
        Assert.Equal(3, printed.Split("subject=", StringSplitOptions.None).Length - 1);
        var cms = new SignedCms();
        cms.Decode(bin);
        Assert.Equal(3, cms.Certificates.Count);
        Assert.Equal(bin, cms.Encode());
    }

    [Theory]
    [InlineData("GET", "api/nothing/v1", 404)]
    [InlineData("DELETE", "api/organization/v1", 405)]
    public async Task RoutingError_AnyStatus_CarriesCodeAndDescription(string method, string path, int status)
    {
        using var client = Running.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await client.SendAsync(request);
        var error = await ScmCalls.ErrorAsync(response);
        Assert.Equal(status, error.Status);
        Assert.False(string.IsNullOrWhiteSpace(error.Description));
    }

    [Fact]
    public async Task Enroll_TextPlainBody_Answers415WithCodeAndDescription()
    {
        using var client = Running.CreateClient();
        using var content = new StringContent("orgId=1001");
        using var response = await client.PostAsync("api/smime/v1/enroll", content);
        Assert.Equal((415, -1), ((int)response.StatusCode, (await ScmCalls.ErrorAsync(response)).Code));
    }

    [Fact]
    public async Task Details_IssuedCertificate_UsesDocumentedNamesAndOids()
    {
        using var client = Running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "fields@example.com");
        await ScmCalls.CollectPemAsync(client, id);
        using var json = JsonDocument.Parse(await client.GetStringAsync($"api/smime/v1/{id}"));
        var root = json.RootElement;
        Assert.Contains("Digital Signature", root.GetProperty("keyUsages").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("1.3.6.1.5.5.7.3.4", root.GetProperty("extendedKeyUsages").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("EC - P-256", root.GetProperty("keyType").GetString());
        Assert.Equal("API Enroll", root.GetProperty("requestedVia").GetString());
        Assert.False(root.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task DomainList_FiltersAndPaging_Honoured()
    {
        using var client = Running.CreateClient();
        using var all = await client.GetAsync("api/domain/v1?size=1&position=1");
        Assert.Equal("2", all.Headers.GetValues("X-Total-Count").Single());
        using var page = JsonDocument.Parse(await all.Content.ReadAsStringAsync());
        Assert.Equal("example.org", Assert.Single(page.RootElement.EnumerateArray()).GetProperty("name").GetString());

        using var named = JsonDocument.Parse(await client.GetStringAsync("api/domain/v1?name=example.com"));
        Assert.Equal(501, Assert.Single(named.RootElement.EnumerateArray()).GetProperty("id").GetInt32());
        using var none = JsonDocument.Parse(await client.GetStringAsync("api/domain/v1?orgId=4242"));
        Assert.Empty(none.RootElement.EnumerateArray());
        using var bad = await client.GetAsync("api/domain/v1?size=0");
        Assert.Equal((400, -1601), ((int)bad.StatusCode, (await ScmCalls.ErrorAsync(bad)).Code));
    }
}
