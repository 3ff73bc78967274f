using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

public sealed class CrashResumptionTests : IDisposable
{
    private const string Address = "carol@example.org";
    private readonly TempDirectory _folder = new("mpki-core-crash");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string _kek = KeyEncryptionKey.Generate();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(CrashPoints.EveryStep), MemberType = typeof(CrashPoints))]
    public async Task IssueAsync_CrashAfterEachStep_NewCoordinatorFinishesWithOneOrder(CrashPoint crash)
    {
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, time: _time);
        var database = _folder.File("crash.db");
        await using (var crashing = new IssuanceHarness(database, ca, _time, _kek, crash: crash))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Issuance.IssueAsync(IssuanceHarness.Request(Address)));
        }

        _time.Advance(TimeSpan.FromMinutes(5)); // the process restarts after the intent lease
        await using var restarted = new IssuanceHarness(database, ca, _time, _kek);
        await restarted.Issuance.ResumeOpenOrdersAsync();
        var result = await restarted.Issuance.IssueAsync(IssuanceHarness.Request(Address));

        var issued = Assert.IsType<IssuanceResult.Issued>(result);
        Assert.Equal(1, ca.OrderCount);
        var active = await IssuanceAssertions.AssertOneActiveAsync(restarted.Store, restarted.Store, Address);
        Assert.Equal(active.Id, issued.Certificate.Id);
        Assert.Equal(ca.Orders[0].SerialNumber, active.SerialNumber);
        await IssuanceAssertions.AssertKeyUsableAsync(restarted.Keys, active);
        var orders = await restarted.Store.ListOrdersAsync(Address);
        Assert.Equal(OrderState.Issued, Assert.Single(orders).State);
    }

    [Fact]
    public async Task ResumeOpenOrdersAsync_CrashAfterKeySaved_DeletesTheKeyNothingOwns()
    {
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, time: _time);
        var database = _folder.File("orphan.db");
        await using (var crashing = new IssuanceHarness(database, ca, _time, _kek, crash: CrashPoint.AfterKeySaved))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Issuance.IssueAsync(IssuanceHarness.Request(Address)));
        }

        await using var restarted = new IssuanceHarness(database, ca, _time, _kek);
        var orphan = Assert.Single(await restarted.Store.ListKeysAsync(SoftwareKeyProvider.ProviderKind));
        await restarted.Issuance.ResumeOpenOrdersAsync();
        Assert.NotNull(await restarted.Store.GetKeyAsync(orphan.Id)); // within the bound: another process may be journaling its order

        _time.Advance(TimeSpan.FromMinutes(5));
        await restarted.Issuance.ResumeOpenOrdersAsync();
        Assert.Null(await restarted.Store.GetKeyAsync(orphan.Id));
        Assert.Contains(await restarted.Store.ListAsync(50), e => e.Action == "key.unreferenced.deleted" && e.Detail!.Contains(orphan.Id, StringComparison.Ordinal));

        var issued = Assert.IsType<IssuanceResult.Issued>(await restarted.Issuance.IssueAsync(IssuanceHarness.Request(Address)));
        Assert.Equal(1, ca.OrderCount);
        Assert.Equal(issued.Certificate.KeyId, Assert.Single(await restarted.Store.ListKeysAsync(SoftwareKeyProvider.ProviderKind)).Id);
    }

    [Fact]
    public async Task ResumeOpenOrdersAsync_CrashBeforeSubmit_SubmitsWithTheJournaledOrganization()
    {
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, time: _time);
        var database = _folder.File("org.db");
        await using (var crashing = new IssuanceHarness(database, ca, _time, _kek, crash: CrashPoint.AfterIntentJournaled))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Issuance.IssueAsync(IssuanceHarness.Request(Address) with { OrganizationId = "1002" }));
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await using var restarted = new IssuanceHarness(database, ca, _time, _kek);
        var results = await restarted.Issuance.ResumeOpenOrdersAsync();

        Assert.IsType<IssuanceResult.Issued>(Assert.Single(results));
        Assert.Equal("1002", Assert.Single(ca.Orders).Request.OrganizationId);
        Assert.Equal("1002", Assert.Single(await restarted.Store.ListOrdersAsync(Address)).OrganizationId);
    }

    [Fact]
    public async Task IssueAsync_IntentOfAnotherProcessWithinLease_ReturnsPendingWithoutOrdering()
    {
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, time: _time);
        var database = _folder.File("lease.db");
        await using (var crashing = new IssuanceHarness(database, ca, _time, _kek, crash: CrashPoint.AfterIntentJournaled))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Issuance.IssueAsync(IssuanceHarness.Request(Address)));
        }

        await using var other = new IssuanceHarness(database, ca, _time, _kek);
        var result = await other.Issuance.IssueAsync(IssuanceHarness.Request(Address));

        var pending = Assert.IsType<IssuanceResult.Pending>(result);
        Assert.Equal(0, ca.OrderCount);
        Assert.Equal(_time.GetUtcNow().AddMinutes(2), pending.NextAttemptAt);
        Assert.Single(await other.Store.ListOpenOrdersAsync());
    }

    [Fact]
    public async Task IssueAsync_AnswerLostAndProcessCrashed_AdoptsTheOrderFoundAtTheCa()
    {
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, time: _time);
        var database = _folder.File("lost.db");
        await using (var crashing = new IssuanceHarness(database, ca, _time, _kek, crash: CrashPoint.AfterSubmitAcceptedAtCa))
        {
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.Issuance.IssueAsync(IssuanceHarness.Request(Address)));
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await using var restarted = new IssuanceHarness(database, ca, _time, _kek);
        var results = await restarted.Issuance.ResumeOpenOrdersAsync();

        Assert.IsType<IssuanceResult.Issued>(Assert.Single(results));
        Assert.Equal(1, ca.SubmitCalls);
        var audit = await restarted.Store.ListAsync(50, Address);
        Assert.Contains(audit, e => e.Action == "order.found");
    }
}
