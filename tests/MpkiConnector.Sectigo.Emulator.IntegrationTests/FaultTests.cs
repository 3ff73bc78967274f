using System.Net;
using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task ServerErrorBurst_NextRequestsFailThenRecover()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.ServerErrorBurst = 2);
        using var client = running.CreateClient();
        using var first = await client.GetAsync("api/smime/v1/types");
        using var second = await client.GetAsync("api/smime/v1/types");
        using var third = await client.GetAsync("api/smime/v1/types");
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            [first.StatusCode, second.StatusCode, third.StatusCode]);
        Assert.Equal(-195, (await ScmCalls.ErrorAsync(first)).Code);
        Assert.Equal(0, running.Behavior.ServerErrorBurst);
    }

    [Fact]
    public async Task TooManyRequestsBurst_Answers429WithRetryAfter()
    {
        await using var running = await RunningEmulator.StartAsync(o =>
        {
            o.Behavior.TooManyRequestsBurst = 1;
            o.Behavior.RetryAfterSeconds = 7;
        });
        using var client = running.CreateClient();
        using var limited = await client.GetAsync("api/organization/v1");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        using var next = await client.GetAsync("api/organization/v1");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task DropConnectionBurst_RequestFailsAtTransportLevel()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.DropConnectionBurst = 1);
        using var client = running.CreateClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("api/organization/v1"));
        using var next = await client.GetAsync("api/organization/v1");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task MalformedJsonBurst_BodyDoesNotParse()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.MalformedJsonBurst = 1);
        using var client = running.CreateClient();
        var text = await client.GetStringAsync("api/smime/v1/types");
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        using var ok = JsonDocument.Parse(await client.GetStringAsync("api/smime/v1/types"));
        Assert.Equal(JsonValueKind.Array, ok.RootElement.ValueKind);
    }

    [Fact]
    public async Task FaultFilters_PathAndMethod_LimitWhereFaultsApply()
    {
        await using var running = await RunningEmulator.StartAsync(o =>
        {
            o.Behavior.ServerErrorBurst = 1;
            o.Behavior.FaultPathContains = "/collect";
            o.Behavior.FaultMethods = ["GET"];
        });
        using var client = running.CreateClient();
        var id = await ScmCalls.EnrollOkAsync(client, "rita@example.com");
        using var types = await client.GetAsync("api/smime/v1/types");
        Assert.Equal(HttpStatusCode.OK, types.StatusCode);
        using var collect = await client.GetAsync($"api/smime/v1/collect/{id}?format=x509");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, collect.StatusCode);
    }

    [Fact]
    public async Task ServerErrorRate_SameSeed_SameSequence()
    {
        async Task<string> RunAsync()
        {
            await using var running = await RunningEmulator.StartAsync(o =>
            {
                o.Seed = 42;
                o.Behavior.ServerErrorRate = 0.5;
                o.Behavior.ServerErrorStatus = 500;
            });
            using var client = running.CreateClient();
            var statuses = new List<int>();
            for (var i = 0; i < 16; i++)
            {
                using var response = await client.GetAsync("api/organization/v1");
                statuses.Add((int)response.StatusCode);
            }

            return string.Join(',', statuses);
        }

        var first = await RunAsync();
        var second = await RunAsync();
        Assert.Equal(first, second);
        Assert.Contains("500", first, StringComparison.Ordinal);
        Assert.Contains("200", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnrollDrop_OrderCreatedButAnswerLost_FindableByComments()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.EnrollDropCount = 1);
        using var client = running.CreateClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => ScmCalls.EnrollAsync(client, "sam@example.com", comments: "corr-lost"));
        Assert.Equal(1, await running.Emulator.CountOrdersAsync(running.CustomerUri));
        using var json = JsonDocument.Parse(await client.GetStringAsync("api/smime/v2/byPersonEmail/sam%40example.com"));
        Assert.Equal("corr-lost", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("comments").GetString());
    }

    [Fact]
    public async Task EnrollTimeout_ClientGivesUp_OrderStillCreated()
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.EnrollTimeoutCount = 1);
        using var client = running.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => ScmCalls.EnrollAsync(client, "tom@example.com"));
        Assert.Equal(1, await running.Emulator.CountOrdersAsync(running.CustomerUri));
    }

    [Theory]
    [InlineData(WrongCertificateMode.OtherAddress)]
    [InlineData(WrongCertificateMode.OtherKey)]
    [InlineData(WrongCertificateMode.NoEmailProtection)]
    public async Task WrongCertificate_Mode_IssuesCertificateThatDoesNotMatch(WrongCertificateMode mode)
    {
        await using var running = await RunningEmulator.StartAsync(o => o.Behavior.WrongCertificate = mode);
        using var client = running.CreateClient();
        var (csr, key) = TestCsr.EcWithKey("uma@example.com");
        using (key)
        {
            var id = await ScmCalls.EnrollOkAsync(client, "uma@example.com", csr: csr);
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
                await ScmCalls.CollectPemAsync(client, id, "x509CO"));
            var email = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.EmailName, false);
            var sameKey = key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo());
            var eku = certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension>().Single()
                .EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == "1.3.6.1.5.5.7.3.4");
            var wrong = mode switch
            {
                WrongCertificateMode.OtherAddress => email != "uma@example.com",
                WrongCertificateMode.OtherKey => !sameKey,
                _ => !eku,
            };
            Assert.True(wrong);
        }
    }

    [Fact]
    public async Task PerAccountBehavior_OverridesGlobal()
    {
        await using var running = await RunningEmulator.StartAsync(o =>
            o.Customers[0].Accounts.Add(new EmulatorAccount
            {
                Login = "flaky",
                Password = "flaky-password",
                Behavior = new EmulatorBehavior { ServerErrorBurst = 1 },
            }));
        using var normal = running.CreateClient();
        using var flaky = running.CreateClient("flaky", "flaky-password");
        using var ok = await normal.GetAsync("api/organization/v1");
        using var failed = await flaky.GetAsync("api/organization/v1");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), (ok.StatusCode, failed.StatusCode));
    }

    [Fact]
    public async Task IssueAfterSeconds_PendingUntilTimePasses()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var folder = Path.Combine(Path.GetTempPath(), "mpki-emulator-" + Guid.NewGuid().ToString("N"));
        var options = ScmEmulatorOptions.CreateDefault(folder);
        options.Behavior.IssueAfterSeconds = 60;
        try
        {
            await using var emulator = await ScmEmulator.StartAsync(options, null, time);
            using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
            client.DefaultRequestHeaders.Add("login", "operator");
            client.DefaultRequestHeaders.Add("password", "operator-password");
            client.DefaultRequestHeaders.Add("customerUri", "emulator");
            var id = await ScmCalls.EnrollOkAsync(client, "vic@example.com");
            using var pending = await client.GetAsync($"api/smime/v1/collect/{id}?format=x509");
            Assert.Equal(HttpStatusCode.BadRequest, pending.StatusCode);
            time.Advance(TimeSpan.FromSeconds(61));
            using var issued = await client.GetAsync($"api/smime/v1/collect/{id}?format=x509");
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
