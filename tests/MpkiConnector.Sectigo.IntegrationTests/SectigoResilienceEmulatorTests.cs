using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Issuance;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Sectigo.Tests;

public sealed class SectigoResilienceEmulatorTests : SectigoEmulatorTestBase
{
    private const string Canary = "Canary-Secret-4b1d9e77";

    [Fact]
    public async Task DiscoverAsync_WrongPassword_AuthenticationErrorWithoutPasswordAnywhere()
    {
        using var services = Services(o => o.Password = Canary);
        var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().DiscoverAsync());
        Assert.Equal(MpkiErrorKind.Authentication, error.Kind);
        Assert.Equal("-970", error.VendorCode);
        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("authentication failed for login 'operator' at customer URI 'emulator'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.Remediation, StringComparison.Ordinal);
        Assert.NotEmpty(Logs.Lines);
        Assert.Contains(Logs.Lines, l => l.Contains("/api/organization/v1", StringComparison.Ordinal));
        Assert.DoesNotContain(Logs.Lines, l => l.Contains(Canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitAsync_CorrectCanaryPassword_CanaryInNoLogLine()
    {
        Emulator.Emulator.Account(Emulator.CustomerUri, Emulator.Login).Password = Canary;
        using var services = Services(o => o.Password = Canary);
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("canary@example.com");
        using (key)
        {
            var order = await provider.SubmitAsync(Request("canary@example.com", csr));
            await SectigoProviderEmulatorTests.CollectUntilIssuedAsync(provider, order);
        }

        Assert.True(Logs.Lines.Count > 5);
        Assert.DoesNotContain(Logs.Lines, l => l.Contains(Canary, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nobody", "emulator", "-16")]
    [InlineData("operator", "no-such-customer", "-410")]
    public async Task DiscoverAsync_UnknownLoginOrCustomer_AuthenticationWithCode(string login, string customerUri, string code)
    {
        using var services = Services(o =>
        {
            o.Login = login;
            o.CustomerUri = customerUri;
            o.Password = Canary;
        });
        var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().DiscoverAsync());
        Assert.Equal(MpkiErrorKind.Authentication, error.Kind);
        Assert.Equal(code, error.VendorCode);
        Assert.Contains(customerUri, error.Message + error.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_EnrollCreatesOrderThenDropsConnection_UnavailableAndFindOrderFindsTheOneOrder()
    {
        Emulator.Behavior.EnrollDropCount = 1;
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("lost@example.com");
        using (key)
        {
            var request = Request("lost@example.com", csr);
            var error = await Assert.ThrowsAsync<MpkiException>(() => provider.SubmitAsync(request));
            Assert.True(error.IsTransient, error.Message);
            var stored = Assert.Single(await Emulator.Emulator.GetOrdersAsync(Emulator.CustomerUri));
            Assert.Equal(1, Emulator.Emulator.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/enroll", StringComparison.Ordinal)));

            // The provider only answers FindOrder; adopting the order is the coordinator's job.
            var found = await provider.FindOrderAsync(request);
            Assert.NotNull(found);
            Assert.Equal(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), found.OrderId);
            Assert.Equal(MpkiCertificateKind.Person, found.Kind);
            await SectigoProviderEmulatorTests.CollectUntilIssuedAsync(provider, found);
        }
    }

    [Fact]
    public async Task SubmitAsync_EnrollCreatesOrderThenTimesOut_UnavailableAndFindOrderFindsTheOneOrder()
    {
        Emulator.Behavior.EnrollTimeoutCount = 1;
        Emulator.Behavior.EnrollTimeoutSeconds = 10;
        using var services = Services(o => o.AttemptTimeout = TimeSpan.FromSeconds(1.5));
        var (key, csr) = TestCsr.Create("slow@example.com");
        using (key)
        {
            var request = Request("slow@example.com", csr);
            var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().SubmitAsync(request));
            Assert.Equal(MpkiErrorKind.Unavailable, error.Kind);
            var stored = Assert.Single(await Emulator.Emulator.GetOrdersAsync(Emulator.CustomerUri));
            Assert.Equal(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), (await services.Provider().FindOrderAsync(request))?.OrderId);
        }
    }

    [Fact]
    public async Task IssueAsync_EnrollAnswerLost_CoordinatorAdoptsTheOneOrderAndIssues()
    {
        Emulator.Behavior.EnrollDropCount = 1;
        using var temp = new TempDirectory("mpki-sectigo");
        using var services = SectigoTestHost.Build(b => b
            .AddSqliteStore(temp.Combine("mpki.db"))
            .ConfigureKeys(o => o.KeyEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))
            .ConfigureIssuance(o => o.InitialBackoff = TimeSpan.FromMilliseconds(10))
            .AddSectigo("scm", o =>
            {
                o.BaseUrl = Emulator.BaseAddress;
                o.CustomerUri = Emulator.CustomerUri;
                o.Login = Emulator.Login;
                o.Password = Emulator.Password;
                o.CertificateType = "Emulator S/MIME";
                o.TermDays = 365;
            }));

        var result = await services.GetRequiredService<IIssuanceService>()
            .IssueAsync(new IssuanceRequest("lost@example.com", "scm") { KeyAlgorithm = MpkiKeyAlgorithm.EcdsaP256 });

        var issued = Assert.IsType<IssuanceResult.Issued>(result);
        var stored = Assert.Single(await Emulator.Emulator.GetOrdersAsync(Emulator.CustomerUri));
        Assert.Equal(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), issued.Certificate.ProviderOrderId);
        Assert.Equal(1, Emulator.Emulator.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/enroll", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SubmitAsync_503BeforeAnyOrder_NotRetriedUnavailableThenFindOrderNull()
    {
        Emulator.Behavior.ServerErrorBurst = 1;
        Emulator.Behavior.FaultPathContains = "/enroll";
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("once@example.com");
        using (key)
        {
            var request = Request("once@example.com", csr);
            var error = await Assert.ThrowsAsync<MpkiException>(() => provider.SubmitAsync(request));
            Assert.Equal(MpkiErrorKind.Unavailable, error.Kind);
            Assert.True(error.IsTransient);
            Assert.Equal(1, Emulator.Emulator.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/enroll", StringComparison.Ordinal)));
            Assert.Equal(0, await OrderCountAsync());
            Assert.Null(await provider.FindOrderAsync(request));

            // The coordinator's next attempt: FindOrder found nothing, so it submits again: exactly one order.
            var order = await provider.SubmitAsync(request);
            Assert.Equal(1, await OrderCountAsync());
            Assert.Equal(order, await provider.FindOrderAsync(request));
        }
    }

    [Fact]
    public async Task DiscoverAsync_503Burst_RetriedAndSucceeds()
    {
        Emulator.Behavior.ServerErrorBurst = 2;
        Emulator.Behavior.RetryAfterSeconds = 0;
        using var services = Services();
        var account = await services.Provider().DiscoverAsync();
        Assert.Single(account.Organizations);
        Assert.Equal(3, Emulator.Emulator.Requests.Count(r => r.Path == "/api/organization/v1"));
        Assert.Contains(Logs.Lines, l => l.Contains("retry 1 after 503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CollectAsync_429WithRetryAfter_WaitsAndSucceeds()
    {
        using var services = Services();
        var provider = services.Provider();
        var (key, csr) = TestCsr.Create("busy@example.com");
        using (key)
        {
            var order = await provider.SubmitAsync(Request("busy@example.com", csr));
            Emulator.Behavior.TooManyRequestsBurst = 1;
            Emulator.Behavior.RetryAfterSeconds = 1;
            Emulator.Behavior.FaultPathContains = "/collect";
            await SectigoProviderEmulatorTests.CollectUntilIssuedAsync(provider, order);
            Assert.Contains(Emulator.Emulator.Requests, r => r.Status == 429);
            Assert.Contains(Logs.Lines, l => l.Contains("retry 1 after 429, waiting 00:00:01", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task DiscoverAsync_ServerDownLongerThanRetries_UnavailableAndTransient()
    {
        Emulator.Behavior.ServerErrorBurst = 10;
        Emulator.Behavior.RetryAfterSeconds = 0;
        using var services = Services(o => o.MaxRetries = 2);
        var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().DiscoverAsync());
        Assert.Equal(MpkiErrorKind.Unavailable, error.Kind);
        Assert.Equal(503, error.HttpStatus);
        Assert.True(error.IsTransient);
        Assert.Equal(3, Emulator.Emulator.Requests.Count(r => r.Path == "/api/organization/v1"));
    }

    [Fact]
    public async Task DiscoverAsync_MalformedJson_ProtocolError()
    {
        Emulator.Behavior.MalformedJsonBurst = 1;
        using var services = Services();
        var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().DiscoverAsync());
        Assert.Equal(MpkiErrorKind.Protocol, error.Kind);
        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoNamedAccounts_SideBySide_EachTalksToItsOwnScm()
    {
        await using var second = await RunningEmulator.StartAsync();
        second.Emulator.Account(second.CustomerUri, second.Login).Password = "second-password";
        using var services = SectigoTestHost.Build(b => b
            .AddSectigo("first", o =>
            {
                o.BaseUrl = Emulator.BaseAddress;
                o.CustomerUri = "emulator";
                o.Login = "operator";
                o.Password = "operator-password";
                o.CertificateType = "2001";
                o.TermDays = 365;
            })
            .AddSectigo("second", o =>
            {
                o.BaseUrl = second.BaseAddress;
                o.CustomerUri = "emulator";
                o.Login = "operator";
                o.Password = "second-password";
                o.CertificateType = "Emulator S/MIME";
                o.TermDays = 730;
            }));
        var (key, csr) = TestCsr.Create("both@example.com");
        using (key)
        {
            await services.Provider("first").SubmitAsync(Request("both@example.com", csr));
            await services.Provider("second").SubmitAsync(Request("both@example.com", csr));
            await services.Provider("second").SubmitAsync(Request("both@example.com", csr));
        }

        Assert.Equal(1, await OrderCountAsync());
        Assert.Equal(2, await second.Emulator.CountOrdersAsync(second.CustomerUri));
        Assert.NotSame(services.Provider("first"), services.Provider("second"));
    }
}
