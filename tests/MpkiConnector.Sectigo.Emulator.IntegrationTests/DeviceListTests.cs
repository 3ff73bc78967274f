using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

/// <summary><c>GET /api/device/v1</c> on both surfaces (issue 12 noted it missing).</summary>
public sealed class DeviceListTests
{
    [Fact]
    public async Task DeviceList_BothSurfaces_ListsDevicesWithFiltersPagingAndEachDocumentsStatus()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var classic = running.CreateClient();
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        foreach (var name in new[] { "a.example.com", "b.example.com" })
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var csr = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            using var enrolled = await classic.PostAsJsonAsync("api/device/v1/enroll", new { orgId = 1001, csr, certType = 2003, term = 365, commonName = name });
            enrolled.EnsureSuccessStatusCode();
        }

        await ScmCalls.EnrollOkAsync(classic, "not-a-device@example.com");
        using var all = await admin.GetAsync("api/device/v1?size=10&position=0");
        Assert.Equal("2", all.Headers.GetValues("X-Total-Count").Single());
        var first = (await all.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Contains(first.GetProperty("status").GetString(), new[] { "Requested", "Issued" });

        using var paged = await classic.GetAsync("api/device/v1?size=1&position=1");
        var second = Assert.Single((await paged.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Contains(second.GetProperty("status").GetString(), new[] { "REQUESTED", "ISSUED" });
        Assert.NotEqual(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());

        using var byName = await admin.GetAsync("api/device/v1?commonName=b.example.com");
        Assert.Equal("1", byName.Headers.GetValues("X-Total-Count").Single());
        using var declined = await admin.GetAsync("api/device/v1?status=Declined");
        Assert.Equal("0", declined.Headers.GetValues("X-Total-Count").Single());
        using var badSize = await admin.GetAsync("api/device/v1?size=201");
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
    }
}
