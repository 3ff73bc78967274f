using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Issuance;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

public sealed class IssuancePollTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new("mpki-core-poll");
    private readonly string _kek = KeyEncryptionKey.Generate();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task IssueAsync_PendingWithoutRetryAfter_CollectsAgainAtTheFirstPollDelay()
    {
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, new FakeMpkiProviderOptions { PendingCount = 1, PendingRetryAfter = null }, _time);
        await using var harness = new IssuanceHarness(_folder.File("first.db"), ca, _time, _kek, o => { o.MaxWait = TimeSpan.Zero; o.MaxBackoff = TimeSpan.FromMinutes(15); o.FirstPollDelay = TimeSpan.FromMilliseconds(300); });

        var pending = Assert.IsType<IssuanceResult.Pending>(await harness.Issuance.IssueAsync(IssuanceHarness.Request("nora@example.org")));
        Assert.Equal(Start.AddMilliseconds(300), pending.NextAttemptAt);
        _time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.IsType<IssuanceResult.Pending>(Assert.Single(await harness.Issuance.ResumeOpenOrdersAsync()));
        Assert.Equal(1, ca.CollectCalls);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.IsType<IssuanceResult.Issued>(Assert.Single(await harness.Issuance.ResumeOpenOrdersAsync()));
        Assert.Equal(2, ca.CollectCalls);
    }

    [Fact]
    public async Task IssueAsync_PendingSeveralTimes_WaitsDoubleUpToThePollInterval()
    {
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, new FakeMpkiProviderOptions { PendingCount = 10, PendingRetryAfter = null }, _time);
        await using var harness = new IssuanceHarness(_folder.File("double.db"), ca, _time, _kek, o =>
        {
            o.MaxWait = TimeSpan.Zero;
            o.MaxBackoff = TimeSpan.FromMinutes(15);
            o.FirstPollDelay = TimeSpan.FromSeconds(1);
            o.PollInterval = TimeSpan.FromSeconds(5);
        });
        var waits = new List<TimeSpan>();

        var result = await harness.Issuance.IssueAsync(IssuanceHarness.Request("omar@example.org"));
        for (var i = 0; i < 5; i++)
        {
            var next = Assert.IsType<IssuanceResult.Pending>(result).NextAttemptAt!.Value;
            waits.Add(next - _time.GetUtcNow());
            _time.Advance(next - _time.GetUtcNow());
            result = Assert.Single(await harness.Issuance.ResumeOpenOrdersAsync());
        }

        Assert.Equal([1, 1, 2, 4, 5], waits.Select(w => w.TotalSeconds));
        Assert.Equal(1, ca.OrderCount);
    }

    [Fact]
    public async Task IssueAsync_CaSendsRetryAfter_HonoursItOverTheFirstPollDelay()
    {
        using var ca = new FakeMpkiProvider(IssuanceHarness.ProviderName, new FakeMpkiProviderOptions { PendingCount = 1, PendingRetryAfter = TimeSpan.FromSeconds(7) }, _time);
        await using var harness = new IssuanceHarness(_folder.File("after.db"), ca, _time, _kek, o => { o.MaxWait = TimeSpan.Zero; o.MaxBackoff = TimeSpan.FromMinutes(15); });

        var pending = Assert.IsType<IssuanceResult.Pending>(await harness.Issuance.IssueAsync(IssuanceHarness.Request("pia@example.org")));

        Assert.Equal(Start.AddSeconds(7), pending.NextAttemptAt);
    }
}
