using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Issuance;
using MpkiConnector.Testing;

namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>Crash resumption: core's issuance coordinator, killed after each journaled step, finishes on a new instance.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    private const string CrashAddress = "carol@example.org";

    [Theory]
    [MemberData(nameof(CrashPoints.EveryStep), MemberType = typeof(CrashPoints))]
    public async Task IssueAsync_CrashAfterEachStep_AnotherInstanceFinishesWithOneOrder(CrashPoint crash)
    {
        var time = new FakeTimeProvider(TestRecords.Now);
        var kek = KeyEncryptionKey.Generate();
        using var ca = new FakeMpkiProvider(IssuanceNode<TStore>.ProviderName, time: time);
        await using (var crashing = new IssuanceNode<TStore>(AddStore, ca, time, kek, crash))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Issuance.IssueAsync(IssuanceNode<TStore>.Request(CrashAddress)));
        }

        time.Advance(TimeSpan.FromMinutes(5)); // the node restarts after the intent lease
        await using var restarted = new IssuanceNode<TStore>(AddStore, ca, time, kek);
        await restarted.Issuance.ResumeOpenOrdersAsync();
        var result = await restarted.Issuance.IssueAsync(IssuanceNode<TStore>.Request(CrashAddress));

        var issued = Assert.IsType<IssuanceResult.Issued>(result);
        Assert.Equal(1, ca.OrderCount);
        var active = Assert.Single(await Store.ListCertificatesAsync(new CertificateQuery { Address = CrashAddress, Status = CertificateStatus.Active }));
        Assert.Equal(issued.Certificate.Id, active.Id);
        Assert.Equal(ca.Orders[0].SerialNumber, active.SerialNumber);
        Assert.Equal(OrderState.Issued, Assert.Single(await Store.ListOrdersAsync(CrashAddress)).State);
        Assert.Null(await Store.GetOpenOrderAsync(CrashAddress));

        // The key was kept sealed, opens under the KEK, and is the certificate's key.
        var key = await Store.GetKeyAsync(active.KeyId);
        Assert.NotNull(key?.EncryptedPkcs8);
        using var opened = await restarted.Keys.OpenAsync(active.KeyId);
        using var x509 = X509CertificateLoader.LoadCertificate(active.Der);
        Assert.Equal(x509.PublicKey.ExportSubjectPublicKeyInfo(), opened.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task IssueAsync_IntentOfACrashedInstanceWithinLease_ReturnsPendingWithoutOrdering()
    {
        var time = new FakeTimeProvider(TestRecords.Now);
        var kek = KeyEncryptionKey.Generate();
        using var ca = new FakeMpkiProvider(IssuanceNode<TStore>.ProviderName, time: time);
        await using (var crashing = new IssuanceNode<TStore>(AddStore, ca, time, kek, CrashPoint.AfterIntentJournaled))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Issuance.IssueAsync(IssuanceNode<TStore>.Request(CrashAddress)));
        }

        await using var other = new IssuanceNode<TStore>(AddStore, ca, time, kek);
        var result = await other.Issuance.IssueAsync(IssuanceNode<TStore>.Request(CrashAddress));

        Assert.IsType<IssuanceResult.Pending>(result);
        Assert.Equal(0, ca.OrderCount);
        Assert.Single(await Store.ListOpenOrdersAsync());
    }

    [Fact]
    public async Task IssueAsync_TwoNodesRenewTheSameCertificateAtOnce_OneOrderOneNewCertificate()
    {
        var time = new FakeTimeProvider(TestRecords.Now);
        var kek = KeyEncryptionKey.Generate();
        using var ca = new FakeMpkiProvider(IssuanceNode<TStore>.ProviderName, time: time);
        await using var first = new IssuanceNode<TStore>(AddStore, ca, time, kek);
        await using var second = new IssuanceNode<TStore>(AddStore, ca, time, kek);
        var old = Assert.IsType<IssuanceResult.Issued>(await first.Issuance.IssueAsync(IssuanceNode<TStore>.Request(CrashAddress))).Certificate;
        var renewal = IssuanceNode<TStore>.Request(CrashAddress) with { RenewsCertificateId = old.Id };

        var results = await Task.WhenAll(
            Task.Run(() => first.Issuance.IssueAsync(renewal)),
            Task.Run(() => second.Issuance.IssueAsync(renewal)));

        Assert.Equal(2, ca.OrderCount); // the first issuance and exactly one renewal
        var active = Assert.Single(await Store.ListCertificatesAsync(new CertificateQuery { Address = CrashAddress, Status = CertificateStatus.Active }));
        Assert.NotEqual(old.Id, active.Id);
        Assert.Contains(results, r => r is IssuanceResult.Issued issued && issued.Certificate.Id == active.Id);
        Assert.All(results, r => Assert.IsNotType<IssuanceResult.Failed>(r));
        Assert.Equal(CertificateStatus.Superseded, (await Store.GetCertificateAsync(old.Id))?.Status);
    }
}
