using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>Answers the emulator does not give (other collect formats, bodies without an SCM error, a breaker that opens), from <see cref="ScmFakeServer"/>.</summary>
public sealed class SectigoProviderFakeServerTests
{
    [Theory]
    [InlineData("bin")]
    [InlineData("base64")]
    [InlineData("x509-stray-pkcs7")]
    public async Task CollectAsync_OtherFormats_IssuedWithChain(string format)
    {
        var (leaf, issuing, root) = TestCsr.IssueChain("jane@example.com");
        var p7 = SectigoCertificateParserTests.Pkcs7(root, leaf, issuing);
        byte[] body = format switch
        {
            "bin" => p7,
            "base64" => System.Text.Encoding.ASCII.GetBytes(PemEncoding.WriteString("PKCS7", p7)),
            _ => System.Text.Encoding.ASCII.GetBytes("-----BEGIN PKCS7-----\n" + leaf.ExportCertificatePem() + "\n" + issuing.ExportCertificatePem() + "\n-----END PKCS7-----\n"),
        };
        await using var server = await ScmFakeServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(body);
        });
        using var services = SectigoTestHost.Build(server.BaseUrl);
        var issued = Assert.IsType<MpkiCollectResult.Issued>(await services.Provider().CollectAsync(new MpkiOrder("77", "c-1")));
        Assert.Equal(leaf.RawData, issued.CertificateDer);
        Assert.Equal(issuing.RawData, issued.ChainDer[0]);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/smime/v1/collect/77?format=x509", request.PathAndQuery);
    }

    [Fact]
    public async Task RevokeAsync_DeviceOrder_DeviceEndpointByTheRequestsKind()
    {
        await using var server = await ScmFakeServer.StartAsync(_ => Task.CompletedTask);
        using var services = SectigoTestHost.Build(server.BaseUrl);

        await services.Provider().RevokeAsync(MpkiRevocationRequest.ByOrder("88", MpkiRevocationReason.CessationOfOperation) with { Kind = MpkiCertificateKind.Device });
        await services.Provider().RevokeAsync(MpkiRevocationRequest.ByOrder("89", MpkiRevocationReason.Superseded));

        Assert.Equal(["/api/device/v1/revoke/order/88", "/api/smime/v1/revoke/order/89"], server.Requests.Select(r => r.PathAndQuery).ToArray());
    }

    [Fact]
    public async Task CollectAsync_AnswerLargerThanTheBound_RefusedAsUnavailableWithoutReadingItAll()
    {
        var chunk = new byte[1024 * 1024];
        var written = 0;
        await using var server = await ScmFakeServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/octet-stream";
            for (var i = 0; i < 64 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk);
                Interlocked.Add(ref written, chunk.Length);
            }
        });
        using var services = SectigoTestHost.Build(server.BaseUrl);

        var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().CollectAsync(new MpkiOrder("77", "c-1")));

        Assert.Equal(MpkiErrorKind.Unavailable, error.Kind);
        Assert.Contains("buffer size", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(SectigoApiClient.MaxAnswerBytes < 64 * chunk.Length);
    }

    [Fact]
    public async Task CollectAsync_EmptyOkBody_Pending()
    {
        await using var server = await ScmFakeServer.StartAsync(_ => Task.CompletedTask);
        using var services = SectigoTestHost.Build(server.BaseUrl);
        Assert.IsType<MpkiCollectResult.Pending>(await services.Provider().CollectAsync(new MpkiOrder("77", "c-1")));
    }

    [Fact]
    public async Task EveryCall_SendsLoginPasswordAndCustomerUriHeaders()
    {
        await using var server = await ScmFakeServer.StartAsync(context =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        using var services = SectigoTestHost.Build(server.BaseUrl);
        await services.Provider().RevokeAsync(MpkiRevocationRequest.BySerial("0a:1b:2c", MpkiRevocationReason.KeyCompromise, "lost laptop"));
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/smime/v1/revoke/serial/0A1B2C", request.PathAndQuery);
        Assert.Equal("operator", request.Headers["login"]);
        Assert.Equal("operator-password", request.Headers["password"]);
        Assert.Equal("emulator", request.Headers["customerUri"]);
        Assert.Contains("\"reasonCode\":1", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"lost laptop\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAsync_200WithEmptyBody_Succeeds()
    {
        await using var server = await ScmFakeServer.StartAsync(_ => Task.CompletedTask);
        using var services = SectigoTestHost.Build(server.BaseUrl);
        await services.Provider().RevokeAsync(MpkiRevocationRequest.ByEmail("a@example.com", MpkiRevocationReason.Unspecified));
        Assert.Contains("\"email\":\"a@example.com\"", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCertificate_PrivatePrefixAndNoPasswordHeader()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var self = new CertificateRequest("CN=gateway-admin", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = Path.Combine(Path.GetTempPath(), $"sectigo-client-{Guid.NewGuid():N}.p12");
        await File.WriteAllBytesAsync(pfx, self.Export(X509ContentType.Pkcs12, "pfx-pass"));
        try
        {
            await using var server = await ScmFakeServer.StartAsync(context => context.Response.WriteAsync("[]"));
            using var services = SectigoTestHost.Build(server.BaseUrl, o =>
            {
                o.Password = null;
                o.ClientCertificatePath = pfx;
                o.ClientCertificatePassword = "pfx-pass";
            });
            await services.Provider().ListCertificatesPageAsync(new SectigoCertificateQuery(), 0);
            var request = Assert.Single(server.Requests);
            Assert.StartsWith("/private/api/smime/v2?size=200&position=0", request.PathAndQuery, StringComparison.Ordinal);
            Assert.False(request.Headers.ContainsKey("password"));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task SubmitAsync_400WithoutScmErrorBody_InvalidRequestWithSnippetNotRetried()
    {
        await using var server = await ScmFakeServer.StartAsync(async context =>
        {
            context.Response.StatusCode = context.Request.Path.Value!.EndsWith("/enroll", StringComparison.Ordinal) ? 400 : 200;
            await context.Response.WriteAsync(context.Response.StatusCode == 400 ? "<html>Bad Request</html>" : Json(context.Request.Path.Value!));
        });
        using var services = SectigoTestHost.Build(server.BaseUrl, o =>
        {
            o.CertificateType = "2001";
            o.TermDays = 365;
        });
        var (key, csr) = TestCsr.Create("a@example.com");
        using (key)
        {
            var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().SubmitAsync(new MpkiEnrollmentRequest("c-1", csr, MpkiCertificateKind.Person, "a@example.com")));
            Assert.Equal(MpkiErrorKind.InvalidRequest, error.Kind);
            Assert.Equal(400, error.HttpStatus);
            Assert.Null(error.VendorCode);
            Assert.Contains("<html>Bad Request</html>", error.Message, StringComparison.Ordinal);
        }

        Assert.Single(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task DiscoverAsync_RepeatedFailures_CircuitOpensAndStopsCalling()
    {
        await using var server = await ScmFakeServer.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        using var services = SectigoTestHost.Build(server.BaseUrl, o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerFailures = 2;
            o.CircuitBreakDuration = TimeSpan.FromMinutes(5);
        });
        var provider = services.Provider();
        Assert.Equal(503, (await Assert.ThrowsAsync<MpkiException>(() => provider.DiscoverAsync())).HttpStatus);
        Assert.Equal(503, (await Assert.ThrowsAsync<MpkiException>(() => provider.DiscoverAsync())).HttpStatus);
        var paused = await Assert.ThrowsAsync<MpkiException>(() => provider.DiscoverAsync());
        Assert.Equal(MpkiErrorKind.Unavailable, paused.Kind);
        Assert.Contains("paused", paused.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    private static string Json(string path) => path switch
    {
        "/api/organization/v1" => """[{"id":1001,"name":"Org","departments":[]}]""",
        "/api/smime/v1/types" => """[{"id":2001,"name":"S/MIME","terms":[365],"keyTypes":{"EC":["P256"]}}]""",
        _ => "[]",
    };
}
