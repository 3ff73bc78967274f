using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

public sealed class IssuanceServiceTests : IDisposable
{
    private readonly TempDirectory _folder = new("mpki-core-issue");
    private readonly string _kek = KeyEncryptionKey.Generate();
    private readonly FakeMpkiProvider _ca = new(IssuanceHarness.ProviderName);
    private readonly FakeTimeProvider _time = FakeClock.Now();

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task IssueAsync_NewAddress_StoresValidatedCertificateWithJournalAndAudit()
    {
        await using var harness = Harness();

        var result = await harness.Issuance.IssueAsync(IssuanceHarness.Request("Dave@Example.org") with { DisplayName = "Dave, the Admin" });

        var issued = Assert.IsType<IssuanceResult.Issued>(result);
        Assert.Equal("dave@example.org", issued.Certificate.Address);
        var active = await IssuanceAssertions.AssertOneActiveAsync(harness.Store, harness.Store, "dave@example.org");
        await IssuanceAssertions.AssertKeyUsableAsync(harness.Keys, active);
        var order = Assert.Single(await harness.Store.ListOrdersAsync("dave@example.org"));
        Assert.Equal(OrderState.Issued, order.State);
        Assert.Equal(_ca.Orders[0].OrderId, order.ProviderOrderId);
        Assert.Equal(order.Id, _ca.Orders[0].CorrelationId);
        Assert.Equal("Dave, the Admin", _ca.Orders[0].Request.DisplayName);
        var actions = (await harness.Store.ListAsync(50, "dave@example.org")).Select(e => e.Action).Reverse().ToList();
        Assert.Equal(["order.intent", "order.submitting", "order.submitted", "certificate.issued"], actions);
    }

    [Fact]
    public async Task IssueAsync_ActiveCertificateExists_ReturnsItWithoutOrdering()
    {
        await using var harness = Harness();
        var first = Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(IssuanceHarness.Request("erin@example.org")));

        var second = Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(IssuanceHarness.Request("erin@example.org")));

        Assert.Equal(first.Certificate.Id, second.Certificate.Id);
        Assert.Equal(1, _ca.OrderCount);
    }

    [Fact]
    public async Task IssueAsync_Renewal_SupersedesOldCertificateAndKeepsItsKey()
    {
        await using var harness = Harness();
        var first = Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(IssuanceHarness.Request("frank@example.org")));

        var renewed = Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(
            IssuanceHarness.Request("frank@example.org") with { RenewsCertificateId = first.Certificate.Id }));

        Assert.NotEqual(first.Certificate.KeyId, renewed.Certificate.KeyId);
        Assert.Equal(2, _ca.OrderCount);
        var old = await harness.Store.GetCertificateAsync(first.Certificate.Id);
        Assert.Equal(CertificateStatus.Superseded, old!.Status);
        await IssuanceAssertions.AssertKeyUsableAsync(harness.Keys, old);
        await IssuanceAssertions.AssertOneActiveAsync(harness.Store, harness.Store, "frank@example.org");

        // Renewing the superseded one again is answered with the current certificate.
        var again = Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(
            IssuanceHarness.Request("frank@example.org") with { RenewsCertificateId = first.Certificate.Id }));
        Assert.Equal(renewed.Certificate.Id, again.Certificate.Id);
        Assert.Equal(2, _ca.OrderCount);
    }

    [Fact]
    public async Task IssueAsync_FiftyConcurrentRequestsForTenAddresses_PlacesTenOrders()
    {
        await using var harness = Harness();
        var addresses = Enumerable.Range(0, 10).Select(i => $"user{i}@example.org").ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => harness.Issuance.IssueAsync(IssuanceHarness.Request(addresses[i % 10])))));

        Assert.All(results, r => Assert.IsType<IssuanceResult.Issued>(r));
        Assert.Equal(10, _ca.OrderCount);
        Assert.Equal(10, _ca.Orders.Select(o => o.Request.Subject).Distinct().Count());
        foreach (var group in results.Cast<IssuanceResult.Issued>().GroupBy(r => r.Address))
        {
            Assert.Single(group.Select(r => r.Certificate.Id).Distinct());
        }
    }

    [Fact]
    public async Task IssueAsync_CaRejects_FailsAndDeletesTheUnusedKey()
    {
        _ca.Options.Reject = true;
        await using var harness = Harness();

        var result = await harness.Issuance.IssueAsync(IssuanceHarness.Request("gina@example.org"));

        var failed = Assert.IsType<IssuanceResult.Failed>(result);
        Assert.Equal(MpkiErrorKind.Rejected, failed.Kind);
        Assert.Contains("Declined by the fake CA", failed.Reason, StringComparison.Ordinal);
        var order = Assert.Single(await harness.Store.ListOrdersAsync("gina@example.org"));
        Assert.Equal(OrderState.Rejected, order.State);
        Assert.Null(await harness.Store.GetKeyAsync(order.KeyId));
        Assert.Empty(await harness.Store.ListKeysAsync(SoftwareKeyProvider.ProviderKind));
    }

    [Theory]
    [InlineData(FakeWrongCertificate.OtherKey)]
    [InlineData(FakeWrongCertificate.OtherAddress)]
    [InlineData(FakeWrongCertificate.NoEmailProtection)]
    [InlineData(FakeWrongCertificate.Expired)]
    [InlineData(FakeWrongCertificate.Garbage)]
    public async Task IssueAsync_WrongCertificate_IsRecordedAndNeverStored(FakeWrongCertificate wrong)
    {
        _ca.Options.WrongCertificate = wrong;
        await using var harness = Harness();

        var result = await harness.Issuance.IssueAsync(IssuanceHarness.Request("hank@example.org"));

        Assert.Equal(MpkiErrorKind.Rejected, Assert.IsType<IssuanceResult.Failed>(result).Kind);
        Assert.Empty(await harness.Store.ListCertificatesAsync(new CertificateQuery { Address = "hank@example.org" }));
        Assert.Equal(OrderState.Rejected, Assert.Single(await harness.Store.ListOrdersAsync("hank@example.org")).State);
        Assert.Contains(await harness.Store.ListAsync(50, "hank@example.org"), e => e.Action == "certificate.rejected");
        Assert.Empty(await harness.Store.ListKeysAsync(SoftwareKeyProvider.ProviderKind));
    }

    [Fact]
    public async Task IssueAsync_TransientSubmitFailures_BacksOffAndPlacesOneOrder()
    {
        _ca.Options.SubmitFailureCount = 2;
        await using var harness = Harness();

        var result = await IssueAsync(harness, "ivan@example.org");

        Assert.IsType<IssuanceResult.Issued>(result);
        Assert.Equal(1, _ca.OrderCount);
        Assert.Equal(3, _ca.SubmitCalls);
        Assert.Equal(2, (await harness.Store.ListAsync(50, "ivan@example.org")).Count(e => e.Action == "order.retry"));
    }

    [Fact]
    public async Task IssueAsync_SubmitAnswerLost_FindsTheOrderInsteadOfResubmitting()
    {
        _ca.Options.LoseSubmitAnswerCount = 1;
        await using var harness = Harness();

        var result = await IssueAsync(harness, "judy@example.org");

        Assert.IsType<IssuanceResult.Issued>(result);
        Assert.Equal(1, _ca.OrderCount);
        Assert.Equal(1, _ca.SubmitCalls);
    }

    [Fact]
    public async Task IssueAsync_AnswerLostAndNoFindOrder_FailsInsteadOfOrderingTwice()
    {
        _ca.Options.LoseSubmitAnswerCount = 1;
        _ca.Options.Capabilities = MpkiCapabilities.Revoke;
        await using var harness = Harness();

        var result = await IssueAsync(harness, "kim@example.org");

        var failed = Assert.IsType<IssuanceResult.Failed>(result);
        Assert.Contains("outcome of an earlier submission is unknown", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _ca.OrderCount);
    }

    [Fact]
    public async Task IssueAsync_HostileAddress_FailsBeforeAnyKeyOrOrder()
    {
        await using var harness = Harness();

        var result = await harness.Issuance.IssueAsync(IssuanceHarness.Request("a@example.org, b@example.org"));

        Assert.Equal(MpkiErrorKind.InvalidRequest, Assert.IsType<IssuanceResult.Failed>(result).Kind);
        Assert.Equal(0, _ca.OrderCount);
        Assert.Empty(await harness.Store.ListKeysAsync(SoftwareKeyProvider.ProviderKind));
    }

    [Fact]
    public async Task IssueAsync_PendingBeyondBound_ReturnsPendingAndResumeFinishes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, new FakeMpkiProviderOptions { PendingCount = 1, PendingRetryAfter = TimeSpan.FromSeconds(30) }, time);
        await using var harness = new IssuanceHarness(_folder.File("pending.db"), ca, time, _kek, o => { o.MaxWait = TimeSpan.Zero; o.MaxBackoff = TimeSpan.FromMinutes(15); });

        var first = await harness.Issuance.IssueAsync(IssuanceHarness.Request("liz@example.org"));

        var pending = Assert.IsType<IssuanceResult.Pending>(first);
        Assert.Equal(time.GetUtcNow().AddSeconds(30), pending.NextAttemptAt);
        var open = Assert.Single(await harness.Store.ListOpenOrdersAsync());
        Assert.Equal(OrderState.Submitted, open.State);
        Assert.Equal(pending.NextAttemptAt, open.NextAttemptAt);

        // Before the retry-after nothing is asked; after it the order finishes.
        Assert.IsType<IssuanceResult.Pending>(Assert.Single(await harness.Issuance.ResumeOpenOrdersAsync()));
        Assert.Equal(1, ca.CollectCalls);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<IssuanceResult.Issued>(Assert.Single(await harness.Issuance.ResumeOpenOrdersAsync()));
        Assert.Equal(1, ca.OrderCount);
        Assert.Equal(2, ca.CollectCalls);
    }

    [Fact]
    public async Task IssueAsync_PendingWithinBound_WaitsRetryAfterOnTheTimeProvider()
    {
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, new FakeMpkiProviderOptions { PendingCount = 2, PendingRetryAfter = TimeSpan.FromSeconds(30) }, time);
        await using var harness = new IssuanceHarness(_folder.File("wait.db"), ca, time, _kek, o => { o.MaxWait = TimeSpan.FromMinutes(5); o.MaxBackoff = TimeSpan.FromMinutes(15); });

        var result = await time.AdvanceUntilDoneAsync(harness.Issuance.IssueAsync(IssuanceHarness.Request("mia@example.org")), TimeSpan.FromSeconds(1));

        Assert.IsType<IssuanceResult.Issued>(result);
        Assert.Equal(3, ca.CollectCalls);
        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(60), "the two retry-after waits of 30 s were not honoured");
    }

    [Fact]
    public async Task IssueAsync_CollectKeepsFailing_ReturnsPendingWithLastErrorJournaled()
    {
        _ca.Options.CollectFailureCount = 100;
        await using var harness = Harness(o => o.MaxPolls = 3);

        var result = await IssueAsync(harness, "ned@example.org");

        var pending = Assert.IsType<IssuanceResult.Pending>(result);
        var open = Assert.Single(await harness.Store.ListOpenOrdersAsync());
        Assert.Equal(pending.OrderId, open.Id);
        Assert.Equal(OrderState.Submitted, open.State);
        Assert.Contains("unavailable", open.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(open.NextAttemptAt);
        Assert.Equal(4, _ca.CollectCalls);

        _ca.Options.CollectFailureCount = 0;
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(IssuanceHarness.Request("ned@example.org")));
        Assert.Equal(1, _ca.OrderCount);
    }

    [Fact]
    public async Task IssueAsync_DeviceCertificate_IsIssuedWithDnsName()
    {
        await using var harness = Harness();

        var result = await harness.Issuance.IssueAsync(IssuanceHarness.Request("Host7.Example.org") with { Kind = MpkiCertificateKind.Device });

        var issued = Assert.IsType<IssuanceResult.Issued>(result);
        Assert.Equal("host7.example.org", issued.Certificate.Address);
        Assert.Equal(MpkiCertificateKind.Device, issued.Certificate.Kind);
    }

    private IssuanceHarness Harness(Action<IssuanceOptions>? configure = null) =>
        new(_folder.File("issue.db"), _ca, _time, _kek, configure);

    /// <summary>Issues with the fake clock moving on, so back-off waits pass without real time.</summary>
    private Task<IssuanceResult> IssueAsync(IssuanceHarness harness, string address) =>
        _time.AdvanceUntilDoneAsync(harness.Issuance.IssueAsync(IssuanceHarness.Request(address)), TimeSpan.FromMilliseconds(50));
}
