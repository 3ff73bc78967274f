using MpkiConnector.Issuance;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

/// <summary>The coordinator collects an order under the kind it was journaled with (the provider's order carries it).</summary>
public sealed class IssuanceOrderKindTests : IDisposable
{
    private readonly TempDirectory _folder = new("mpki-core-kind");
    private readonly FakeMpkiProvider _ca = new(IssuanceHarness.ProviderName, new FakeMpkiProviderOptions { PendingCount = 1, PendingRetryAfter = TimeSpan.FromMilliseconds(1) });

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task IssueAsync_DeviceCertificate_CollectedAsADeviceOrder()
    {
        var time = FakeClock.Now();
        await using var harness = new IssuanceHarness(_folder.File("kind.db"), _ca, time, KeyEncryptionKey.Generate());

        var result = await time.AdvanceUntilDoneAsync(harness.Issuance.IssueAsync(new IssuanceRequest("host1.example.org", IssuanceHarness.ProviderName)
        {
            Kind = MpkiCertificateKind.Device,
            KeyAlgorithm = MpkiKeyAlgorithm.EcdsaP256,
        }), TimeSpan.FromMilliseconds(250));

        var issued = Assert.IsType<IssuanceResult.Issued>(result);
        Assert.Equal(MpkiCertificateKind.Device, issued.Certificate.Kind);
        var order = Assert.Single(_ca.Orders);
        Assert.Equal(MpkiCertificateKind.Device, order.Request.Kind);
        Assert.Equal(2, order.CollectCount);
    }

    [Fact]
    public async Task CollectAsync_OrderOfTheOtherKind_NotFound()
    {
        using var key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);
        var placed = await _ca.SubmitAsync(new MpkiEnrollmentRequest("c-1", CsrBuilder.CreateForDevice(key, "host2.example.org"), MpkiCertificateKind.Device, "host2.example.org"));

        var error = await Assert.ThrowsAsync<MpkiException>(() => _ca.CollectAsync(placed with { Kind = MpkiCertificateKind.Person }));

        Assert.Equal(MpkiCertificateKind.Device, placed.Kind);
        Assert.Equal(MpkiErrorKind.NotFound, error.Kind);
    }
}
