using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>OAuth2 on the Admin Operations surface: the token is cached, renewed before it expires, renewed once after a 401, never logged.</summary>
public sealed class SectigoOAuth2Tests : SectigoEmulatorTestBase
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task DiscoverAsync_SeveralCalls_OneTokenRequest()
    {
        using var services = OAuth2Services();
        await services.Provider().DiscoverAsync();
        await services.Provider().GetDiscoveryReportAsync();
        Assert.Equal(1, TokenRequests());
        Assert.All(Emulator.Emulator.Requests.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)), r => Assert.Null(r.Login));
        Assert.Contains(Emulator.Emulator.Requests, r => r.Path == "/api/smime/v2/types" && r.Status == 200);
    }

    [Fact]
    public async Task Token_NearExpiry_RenewedBeforeItExpires()
    {
        using var services = OAuth2Services(o => o.DiscoveryCacheDuration = TimeSpan.Zero);
        await services.Provider().DiscoverAsync();
        _time.Advance(TimeSpan.FromSeconds(Emulator.Options.TokenLifetimeSeconds - 29));
        await services.Provider().DiscoverAsync();
        Assert.Equal(2, TokenRequests());
        Assert.DoesNotContain(Emulator.Emulator.Requests, r => r.Status == 401);
    }

    [Fact]
    public async Task Call_TokenRefused_OneRetryWithAFreshToken()
    {
        using var services = OAuth2Services(o => o.DiscoveryCacheDuration = TimeSpan.Zero);
        await services.Provider().DiscoverAsync();
        Emulator.Emulator.RevokeTokens();
        var account = await services.Provider().DiscoverAsync();
        Assert.NotEmpty(account.Organizations);
        Assert.Equal(2, TokenRequests());
        Assert.Single(Emulator.Emulator.Requests, r => r.Status == 401);
    }

    [Fact]
    public async Task DiscoverAsync_WrongSecret_AuthenticationErrorWithoutTheSecret()
    {
        using var services = OAuth2Services(o => o.ClientSecret = "not-the-secret-42");
        var error = await Assert.ThrowsAsync<MpkiException>(() => services.Provider().DiscoverAsync());
        Assert.Equal(MpkiErrorKind.Authentication, error.Kind);
        Assert.Contains("operator-client", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-42", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Logs.Lines, l => l.Contains("not-the-secret-42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecretFromEnvironment_Variable_Authenticates()
    {
        var variable = "MPKI_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, SectigoAuthModes.ClientSecret);
        try
        {
            using var services = OAuth2Services(o =>
            {
                o.ClientSecret = null;
                o.ClientSecretVariable = variable;
            });
            Assert.NotEmpty((await services.Provider().DiscoverAsync()).Organizations);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private int TokenRequests() => Emulator.Emulator.Requests.Count(r => r.Path.EndsWith("/openid-connect/token", StringComparison.Ordinal));

    private ServiceProvider OAuth2Services(Action<SectigoOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs));
        services.AddSingleton<TimeProvider>(_time);
        services.AddMpkiConnector().AddSectigo("scm", o =>
        {
            o.BaseUrl = Emulator.BaseAddress;
            o.CertificateType = "Emulator S/MIME";
            o.TermDays = 365;
            SectigoAuthModes.UseOAuth2(o, Emulator.BaseAddress);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}
