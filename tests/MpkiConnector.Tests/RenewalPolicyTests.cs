using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Renewal;
using MpkiConnector.Storage;

namespace MpkiConnector.Tests;

public sealed class RenewalPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsDue_DefaultOverlap_DueThirtyDaysBeforeNotAfter()
    {
        var time = new FakeTimeProvider(Start);
        var policy = Policy(time, new RenewalOptions { JitterWindow = TimeSpan.Zero });
        var certificate = Certificate(Start, Start.AddDays(365));

        Assert.Equal(Start.AddDays(335), policy.GetDueAt(certificate));
        time.Advance(TimeSpan.FromDays(335) - TimeSpan.FromSeconds(1));
        Assert.False(policy.IsDue(certificate));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(policy.IsDue(certificate));
    }

    [Fact]
    public void GetDueAt_UsesTheCertificatesOwnValidity()
    {
        var policy = Policy(new FakeTimeProvider(Start), new RenewalOptions { Overlap = TimeSpan.FromDays(10), JitterWindow = TimeSpan.Zero });

        Assert.Equal(Start.AddDays(80), policy.GetDueAt(Certificate(Start, Start.AddDays(90))));
        Assert.Equal(Start.AddDays(720), policy.GetDueAt(Certificate(Start, Start.AddDays(730))));
    }

    [Fact]
    public void IsDue_OverlapOfItsOwn_UsesThatOverlapNotTheConfiguredOne()
    {
        var time = new FakeTimeProvider(Start.AddDays(300));
        var policy = Policy(time, new RenewalOptions { Overlap = TimeSpan.FromDays(30), JitterWindow = TimeSpan.Zero });
        var certificate = Certificate(Start, Start.AddDays(365));

        Assert.Equal(Start.AddDays(305), policy.GetDueAt(certificate, TimeSpan.FromDays(60)));
        Assert.False(policy.IsDue(certificate));
        Assert.False(policy.IsDue(certificate, TimeSpan.FromDays(60)));
        time.Advance(TimeSpan.FromDays(5));
        Assert.True(policy.IsDue(certificate, TimeSpan.FromDays(60)));
        Assert.False(policy.IsDue(certificate));
    }

    [Fact]
    public void IsDue_OverlapOfItsOwnAsLongAsLifetime_IsRefused()
    {
        var policy = Policy(new FakeTimeProvider(Start), new RenewalOptions { JitterWindow = TimeSpan.Zero });
        var certificate = Certificate(Start, Start.AddDays(90));

        var ex = Assert.Throws<MpkiException>(() => policy.IsDue(certificate, TimeSpan.FromDays(90)));

        Assert.Equal(MpkiErrorKind.Configuration, ex.Kind);
        Assert.Contains("overlap of 90 days", ex.Message, StringComparison.Ordinal);
        Assert.Throws<MpkiException>(() => policy.EnsureFits(TimeSpan.FromDays(90), TimeSpan.FromDays(120)));
        policy.EnsureFits(TimeSpan.FromDays(90), TimeSpan.FromDays(89));
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(30, 20)]
    public void GetDueAt_OverlapAsLongAsLifetime_IsRefused(int overlapDays, int lifetimeDays)
    {
        var policy = Policy(new FakeTimeProvider(Start), new RenewalOptions { Overlap = TimeSpan.FromDays(overlapDays), JitterWindow = TimeSpan.Zero });
        var certificate = Certificate(Start, Start.AddDays(lifetimeDays));

        var ex = Assert.Throws<MpkiException>(() => policy.IsDue(certificate));

        Assert.Equal(MpkiErrorKind.Configuration, ex.Kind);
        Assert.Contains("renewed forever", ex.Message, StringComparison.Ordinal);
        Assert.Equal(MpkiErrorKind.Configuration, Assert.Throws<MpkiException>(() => policy.EnsureFits(TimeSpan.FromDays(lifetimeDays))).Kind);
    }

    [Fact]
    public void Jitter_IsDeterministicWithinTheWindowAndNeverLater()
    {
        var window = TimeSpan.FromDays(2);
        var policy = Policy(new FakeTimeProvider(Start), new RenewalOptions { JitterWindow = window });
        var jitters = Enumerable.Range(0, 50).Select(i => policy.Jitter("cert-" + i)).ToList();

        Assert.All(jitters, j => Assert.InRange(j, TimeSpan.Zero, window));
        Assert.True(jitters.Distinct().Count() > 40);
        Assert.Equal(policy.Jitter("cert-7"), Policy(new FakeTimeProvider(Start), new RenewalOptions { JitterWindow = window }).Jitter("cert-7"));
        var certificate = Certificate(Start, Start.AddDays(365), "cert-7");
        Assert.Equal(Start.AddDays(335) - policy.Jitter("cert-7"), policy.GetDueAt(certificate));
    }

    [Fact]
    public void IsDue_RevokedCertificate_IsDueAtOnce()
    {
        var policy = Policy(new FakeTimeProvider(Start), new RenewalOptions());

        Assert.True(policy.IsDue(Certificate(Start, Start.AddDays(365)) with { Status = CertificateStatus.Revoked }));
    }

    [Fact]
    public void Validation_NonPositiveOverlap_IsAStartupError()
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector().ConfigureKeys(o => o.KeyEncryptionKey = KeyEncryptionKey.Generate()).ConfigureRenewal(o => o.Overlap = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Renewal:Overlap", ex.Message, StringComparison.Ordinal);
    }

    private static RenewalPolicy Policy(TimeProvider time, RenewalOptions options) => new(Options.Create(options), time);

    private static CertificateRecord Certificate(DateTimeOffset notBefore, DateTimeOffset notAfter, string id = "cert-1") => new()
    {
        Id = id,
        Address = "alice@example.org",
        SerialNumber = "01",
        Issuer = "CN=Issuer",
        Subject = "CN=alice@example.org",
        Thumbprint = "00",
        NotBefore = notBefore,
        NotAfter = notAfter,
        Der = [1],
        KeyId = "k",
        ProviderName = "fake",
    };
}
