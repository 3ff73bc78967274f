using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Issuance;
using MpkiConnector.LocalCa;
using MpkiConnector.Storage;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

/// <summary>Issue 17, trust: an account without configured roots pins its CA's root at the first issuance, and enforces it.</summary>
public sealed class TrustPinningTests : IDisposable
{
    private readonly TempDirectory _folder = new("mpki-core-trust");
    private readonly string _kek = KeyEncryptionKey.Generate();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeMpkiProvider _ca;

    public TrustPinningTests()
    {
        _ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, time: _time);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task IssueAsync_FirstIssuanceOfAccount_PinsTheRootItChainsToAndAuditsIt()
    {
        await using var harness = new IssuanceHarness(_folder.File("pin.db"), _ca, _time, _kek);

        Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(IssuanceHarness.Request("alice@example.org")));

        var pinned = Assert.Single(await harness.Store.GetPinnedRootsAsync("FAKE"));
        Assert.Equal(_ca.CertificateAuthority.Root.RawData, pinned);
        var audit = Assert.Single(await harness.Store.ListAsync(100), e => e.Action == "trust.pinned");
        Assert.Contains(CertificateTrustAnchors.Describe(_ca.CertificateAuthority.Root), audit.Detail, StringComparison.Ordinal);

        // Another process on the store: the same root still passes, and nothing is pinned twice.
        await using var second = new IssuanceHarness(_folder.File("pin.db"), _ca, _time, _kek);
        Assert.IsType<IssuanceResult.Issued>(await second.Issuance.IssueAsync(IssuanceHarness.Request("bob@example.org")));
        Assert.Single(await second.Store.ListAsync(100), e => e.Action == "trust.pinned");
    }

    [Fact]
    public async Task IssueAsync_CaNowChainsToAnotherRootThanPinned_RejectedRecordedAndNotStored()
    {
        using var earlier = LocalCertificateAuthority.Create("Earlier Root", _time);
        await using var harness = new IssuanceHarness(_folder.File("pinned.db"), _ca, _time, _kek);
        await harness.Store.PinRootsAsync("fake", [earlier.Root.RawData], _time.GetUtcNow());

        var result = await harness.Issuance.IssueAsync(IssuanceHarness.Request("carol@example.org"));

        var failed = Assert.IsType<IssuanceResult.Failed>(result);
        Assert.Equal(MpkiErrorKind.Rejected, failed.Kind);
        Assert.Contains("pinned for the provider account at its first issuance", failed.Reason, StringComparison.Ordinal);
        Assert.Null(await harness.Store.GetActiveCertificateAsync("carol@example.org"));
        Assert.Equal(OrderState.Rejected, Assert.Single(await harness.Store.ListOrdersAsync("carol@example.org")).State);
        var audit = await harness.Store.ListAsync(100, "carol@example.org");
        Assert.Contains(audit, e => e.Action == "certificate.rejected" && e.Detail!.Contains("does not chain", StringComparison.Ordinal));
        Assert.Equal(earlier.Root.RawData, Assert.Single(await harness.Store.GetPinnedRootsAsync("fake")));
    }
}
