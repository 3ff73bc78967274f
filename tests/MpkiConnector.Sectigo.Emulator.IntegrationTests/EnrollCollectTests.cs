using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class EnrollCollectTests
{
    [Fact]
    public async Task Collect_IssueAfterTwoCollects_PendingTwiceThenIssued()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.IssueAfterCollects = 2);
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "alice@example.com");

        for (var i = 0; i < 2; i++)
        {
            using var pending = await client.GetAsync($"api/smime/v1/collect/{id}?format=x509");
            var error = await ScmCalls.ErrorAsync(pending);
            Assert.Equal((400, 0, "Being processed by Sectigo"), error);
        }

        using var issued = await client.GetAsync($"api/smime/v1/collect/{id}?format=x509CO");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal("application/octet-stream", issued.Content.Headers.ContentType?.MediaType);
        using var certificate = X509Certificate2.CreateFromPem(await issued.Content.ReadAsStringAsync());
        Assert.Equal("alice@example.com", certificate.GetNameInfo(X509NameType.EmailName, false));
        Assert.Equal(3, (await running.Emulator.GetOrderAsync(running.CustomerUri, long.Parse(id)))!.CollectCount);
    }

    [Theory]
    [InlineData(-183, "Certificate is not collectable.")]
    [InlineData(-1400, "The request is being processed by Sectigo.")]
    [InlineData(-109, "Certificate is not available now, please try again later.")]
    [InlineData(-103, "Certificate has not been collected yet.")]
    public async Task Collect_ConfiguredPendingCode_AnswersThatCode(int code, string description)
    {
        await using var running = await RunningEmulator.StartAsync(o =>
        {
            o.Behavior.IssueAfterCollects = 1;
            o.Behavior.PendingCode = code;
        });
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "bob@example.com");
        using var admin = await ScmCalls.CreateAdminClientAsync(running);
        using var pending = await admin.GetAsync($"api/smime/v2/collect/{id}");
        Assert.Equal((400, code, description), await ScmCalls.ErrorAsync(pending));
    }

    [Fact]
    public async Task Collect_EachFormat_ParsesBack()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "carol@example.com");
        var root = running.Emulator.RootCertificate;
        var issuing = running.Emulator.IssuingCertificate;
        var leafPem = await ScmCalls.CollectPemAsync(client, id, "x509CO");
        using var leaf = X509Certificate2.CreateFromPem(leafPem);

        string[] Thumbprints(string pem)
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(pem);
            return [.. collection.Select(c => c.Thumbprint)];
        }

        async Task<string> Text(string format) => await client.GetStringAsync($"api/smime/v1/collect/{id}?format={format}");

        Assert.Equal([leaf.Thumbprint, issuing.Thumbprint, root.Thumbprint], Thumbprints(await Text("x509")));
        Assert.Equal([leaf.Thumbprint, issuing.Thumbprint, root.Thumbprint], Thumbprints(await Text("pem")));
        Assert.Equal([leaf.Thumbprint], Thumbprints(await Text("pemco")));
        Assert.Equal([issuing.Thumbprint, root.Thumbprint], Thumbprints(await Text("x509IO")));
        Assert.Equal([root.Thumbprint, issuing.Thumbprint], Thumbprints(await Text("x509IOR")));
        Assert.Equal([leaf.Thumbprint, issuing.Thumbprint], Thumbprints(await Text("pemia")));
        Assert.Equal([root.Thumbprint, issuing.Thumbprint, leaf.Thumbprint], Thumbprints(await Text("x509R")));
        Assert.Equal([leaf.Thumbprint], Thumbprints(await client.GetStringAsync($"api/smime/v1/collect/{id}/x509CO")));

        var base64 = await Text("base64");
        Assert.StartsWith("-----BEGIN PKCS7-----", base64, StringComparison.Ordinal);
        var fromBase64 = new SignedCms();
        fromBase64.Decode(PemEncoding.Find(base64) is var fields ? Convert.FromBase64String(base64[fields.Base64Data]) : []);
        Assert.Contains(fromBase64.Certificates.Cast<X509Certificate2>(), c => c.Thumbprint == leaf.Thumbprint);

        var bin = new SignedCms();
        bin.Decode(await client.GetByteArrayAsync($"api/smime/v1/collect/{id}?format=bin"));
        Assert.Equal(3, bin.Certificates.Count);

        using var unknown = await client.GetAsync($"api/smime/v1/collect/{id}?format=nonsense");
        Assert.Equal(-1450, (await ScmCalls.ErrorAsync(unknown)).Code);
    }

    [Fact]
    public async Task Issue_FromCsr_HasKeyOfCsrSanEkuAndPublicationPoints()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var (csr, key) = TestCsr.EcWithKey("dave@example.org");
        using (key)
        {
            var id = await ScmCalls.EnrollOkAsync(client, "dave@example.org", csr: csr);
            using var certificate = X509Certificate2.CreateFromPem(await ScmCalls.CollectPemAsync(client, id, "x509CO"));
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificate.PublicKey.ExportSubjectPublicKeyInfo());
            Assert.Contains("CN=Alice Example", certificate.Subject, StringComparison.Ordinal);
            Assert.Contains("E=dave@example.org", certificate.Subject, StringComparison.Ordinal);
            var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
            Assert.Contains(eku.EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.4");
            var days = (certificate.NotAfter - certificate.NotBefore).TotalDays;
            Assert.InRange(days, 364.9, 365.1);
            var crl = await client.GetByteArrayAsync("crl/issuing.crl");
            Assert.NotEmpty(crl);
            var issuingDer = await client.GetByteArrayAsync("ca/issuing.cer");
            Assert.Equal(running.Emulator.IssuingCertificate.RawData, issuingDer);
        }
    }

    [Fact]
    public async Task Issue_Certificate_PassesOpensslVerifySmimesign()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "erin@example.com", csr: TestCsr.Rsa("erin@example.com", 2048));
        var folder = running.DataDirectory;
        var leafPath = Path.Combine(folder, "leaf.pem");
        var rootPath = Path.Combine(folder, "root.pem");
        var issuingPath = Path.Combine(folder, "issuing.pem");
        await File.WriteAllTextAsync(leafPath, await ScmCalls.CollectPemAsync(client, id, "x509CO"));
        await File.WriteAllTextAsync(rootPath, running.Emulator.RootCertificate.ExportCertificatePem());
        await File.WriteAllTextAsync(issuingPath, running.Emulator.IssuingCertificate.ExportCertificatePem());

        var (exit, output) = await OpenSslRunner.RunAsync("verify", "-purpose", "smimesign", "-CAfile", rootPath, "-untrusted", issuingPath, leafPath);
        Assert.True(exit == 0, output);
        Assert.Contains("OK", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(366, -36)]
    [InlineData(0, -36)]
    public async Task Enroll_TermNotInProfile_IsRefusedWithoutOrder(int term, int code)
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var response = await ScmCalls.EnrollAsync(client, "frank@example.com", term: term);
        Assert.Equal((400, code), ((int)response.StatusCode, (await ScmCalls.ErrorAsync(response)).Code));
        Assert.Equal(0, await running.Emulator.CountOrdersAsync());
    }

    [Fact]
    public async Task Enroll_KeyTypeNotInProfile_IsRefused()
    {
        await using var running = await RunningEmulator.StartAsync(o =>
            o.Customers[0].Profiles[0].KeyTypes = new(StringComparer.OrdinalIgnoreCase) { ["RSA"] = ["3072"] });
        using var client = running.CreateClient();
        using var ec = await ScmCalls.EnrollAsync(client, "gina@example.com");
        Assert.Equal(-170, (await ScmCalls.ErrorAsync(ec)).Code);
        using var small = await ScmCalls.EnrollAsync(client, "gina@example.com", csr: TestCsr.Rsa("gina@example.com", 2048));
        var error = await ScmCalls.ErrorAsync(small);
        Assert.Equal(-141, error.Code);
        Assert.Contains("3072", error.Description, StringComparison.Ordinal);
        using var garbage = await ScmCalls.EnrollAsync(client, "gina@example.com", csr: "not base64 at all!");
        Assert.Equal(-9, (await ScmCalls.ErrorAsync(garbage)).Code);
        Assert.Equal(0, await running.Emulator.CountOrdersAsync());
    }

    [Fact]
    public async Task Enroll_UnknownProfile_AnswersMinus111()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var response = await ScmCalls.EnrollAsync(client, "hank@example.com", certType: 4242);
        Assert.Equal(-111, (await ScmCalls.ErrorAsync(response)).Code);
    }

    [Fact]
    public async Task Enroll_Answer_HasNumberAndStringIds()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var response = await ScmCalls.EnrollAsync(client, "ivy@example.com");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("orderNumber").ValueKind);
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("backendCertId").ValueKind);
        Assert.Equal(json.RootElement.GetProperty("orderNumber").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            json.RootElement.GetProperty("backendCertId").GetString());
    }

    [Fact]
    public async Task Renew_IssuedOrder_CreatesNewOrderWithSameRequest()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "jack@example.com", comments: "c-1");
        await ScmCalls.CollectPemAsync(client, id);
        using var renew = await client.PostAsync($"api/smime/v2/renew/order/{id}", null);
        using var json = JsonDocument.Parse(await renew.Content.ReadAsStringAsync());
        var renewed = json.RootElement.GetProperty("backendCertId").GetString()!;
        Assert.NotEqual(id, renewed);
        var order = await running.Emulator.GetOrderAsync(running.CustomerUri, long.Parse(renewed));
        Assert.Equal(("jack@example.com", "requested"), (order!.Email, order.State));
    }

    [Fact]
    public async Task DeviceEnroll_Collect_IssuesDeviceCertificate()
    {
        await using var running = await RunningEmulator.StartAsync();
        using var client = running.CreateClient();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=host1.example.com", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using var enroll = await client.PostAsJsonAsync("api/device/v1/enroll",
            new { orgId = 1001, csr, certType = RunningEmulator.DeviceProfileId, term = 365, comments = "tpm" });
        using var json = JsonDocument.Parse(await enroll.Content.ReadAsStringAsync());
        var id = json.RootElement.GetProperty("backendCertId").GetString();
        using var collect = await client.GetAsync($"api/device/v1/collect/{id}?format=x509CO");
        Assert.Equal(HttpStatusCode.OK, collect.StatusCode);
        using var certificate = X509Certificate2.CreateFromPem(await collect.Content.ReadAsStringAsync());
        Assert.Contains("CN=host1.example.com", certificate.Subject, StringComparison.Ordinal);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }
}
