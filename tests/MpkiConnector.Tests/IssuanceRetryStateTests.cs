using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

/// <summary>Retry state lives in the journal: unreadable answers keep an order open, restarts honour the next attempt.</summary>
public sealed class IssuanceRetryStateTests : IDisposable
{
    private readonly TempDirectory _folder = new("mpki-core-retry");
    private readonly string _kek = KeyEncryptionKey.Generate();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeMpkiProvider _ca;

    public IssuanceRetryStateTests()
    {
        _ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, time: _time);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }

    public static TheoryData<MpkiErrorKind, string> UnreadableAnswers => new()
    {
        { MpkiErrorKind.Protocol, "SCM answered HTTP 400 with malformed JSON ({\"code\":)" },
        { MpkiErrorKind.NotFound, "HTTP 404: <html><body>Not Found</body></html>" },
        { MpkiErrorKind.InvalidRequest, "SCM code -9999, HTTP 400: unknown error" },
    };

    [Theory]
    [MemberData(nameof(UnreadableAnswers))]
    public async Task IssueAsync_CollectAnswerUnreadable_OrderStaysOpenWithKeyAndNextAttemptIssues(MpkiErrorKind kind, string message)
    {
        var provider = new FaultingProviderFake(_ca);
        provider.CollectFaults.Enqueue(new MpkiException(kind, message));
        await using var harness = Harness("collect.db", provider);

        var first = await harness.Issuance.IssueAsync(IssuanceHarness.Request("olga@example.org"));

        var pending = Assert.IsType<IssuanceResult.Pending>(first);
        var open = Assert.Single(await harness.Store.ListOpenOrdersAsync());
        Assert.Equal(OrderState.Submitted, open.State);
        Assert.Contains("stays open", open.LastError, StringComparison.Ordinal);
        Assert.NotNull(await harness.Store.GetKeyAsync(open.KeyId));
        Assert.Equal(open.NextAttemptAt, pending.NextAttemptAt);

        // Not due yet: left alone (the CA is not asked again).
        Assert.IsType<IssuanceResult.Pending>(Assert.Single(await harness.Issuance.ResumeOpenOrdersAsync()));
        Assert.Equal(1, _ca.CollectCalls);

        _time.Advance(TimeSpan.FromMinutes(1));
        var issued = Assert.IsType<IssuanceResult.Issued>(Assert.Single(await harness.Issuance.ResumeOpenOrdersAsync()));
        Assert.Equal(open.KeyId, issued.Certificate.KeyId);
        Assert.Equal(1, _ca.OrderCount);
        await IssuanceAssertions.AssertOneActiveAsync(harness.Store, harness.Store, "olga@example.org");
    }

    [Fact]
    public async Task IssueAsync_ReadingTheAccountFailsBeforeSubmit_RetryableWithReasonAndNoOrderEnded()
    {
        var provider = new FaultingProviderFake(_ca);
        provider.SubmitFaults.Enqueue(new MpkiException(MpkiErrorKind.Protocol, "reading the organisations failed: SCM answered HTTP 200 with malformed JSON"));
        await using var harness = Harness("account.db", provider);

        var first = await harness.Issuance.IssueAsync(IssuanceHarness.Request("pat@example.org"));

        var pending = Assert.IsType<IssuanceResult.Pending>(first);
        Assert.Contains("Retryable", pending.Status, StringComparison.Ordinal);
        Assert.Contains("has not accepted an order", pending.Status, StringComparison.Ordinal);
        var open = Assert.Single(await harness.Store.ListOrdersAsync("pat@example.org"));
        Assert.Equal(OrderState.Intent, open.State);
        Assert.Equal(0, _ca.OrderCount);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(IssuanceHarness.Request("pat@example.org")));
        Assert.Equal(1, _ca.OrderCount);
        Assert.Equal(OrderState.Issued, Assert.Single(await harness.Store.ListOrdersAsync("pat@example.org")).State);
    }

    [Fact]
    public async Task IssueAsync_AfterRestart_HonoursTheJournaledRetryAfter()
    {
        _ca.Options.PendingCount = 1;
        _ca.Options.PendingRetryAfter = TimeSpan.FromMinutes(10);
        var database = _folder.File("restart.db");
        await using (var before = Harness(database, new FaultingProviderFake(_ca)))
        {
            Assert.IsType<IssuanceResult.Pending>(await before.Issuance.IssueAsync(IssuanceHarness.Request("quinn@example.org")));
        }

        await using var after = Harness(database, new FaultingProviderFake(_ca));
        var early = await after.Issuance.IssueAsync(IssuanceHarness.Request("quinn@example.org"));

        Assert.Equal(_time.GetUtcNow().AddMinutes(10), Assert.IsType<IssuanceResult.Pending>(early).NextAttemptAt);
        Assert.Equal(1, _ca.CollectCalls);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.IsType<IssuanceResult.Issued>(Assert.Single(await after.Issuance.ResumeOpenOrdersAsync()));
        Assert.Equal(2, _ca.CollectCalls);
        Assert.Equal(1, _ca.OrderCount);
    }

    private IssuanceHarness Harness(string database, IMpkiProvider provider) =>
        new(database.Contains('/', StringComparison.Ordinal) ? database : _folder.File(database), _ca, _time, _kek, o =>
        {
            o.MaxWait = TimeSpan.Zero;
            o.InitialBackoff = TimeSpan.FromSeconds(30);
            o.MaxBackoff = TimeSpan.FromMinutes(15);
        }, provider: provider);
}
