using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.Gateway.Renewal;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Tests;

/// <summary>Open orders continue at the start of a run (and of a renewal check), from the journal.</summary>
public sealed class ResumeAtStartTests
{
    [Fact]
    public async Task ProcessOnceAsync_FirstCertificatePendingAtCa_CompletesOnNextRunWithoutNewMail()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "SendUnsigned" };
        h.Build.TimeProvider = time;
        h.Build.ConfigureIssuance = o => o.MaxWait = TimeSpan.Zero;
        var gateway = h.Start();
        h.Fake().Options.PendingCount = 1;
        h.Fake().Options.PendingRetryAfter = TimeSpan.FromMinutes(10);
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var first = await gateway.ProcessOnceAsync();
        Assert.Equal(1, first.PassedUnsigned);
        Assert.Equal(0, first.Issued);
        var journal = gateway.Services.GetRequiredService<IOrderJournal>();
        Assert.Equal(OrderState.Submitted, Assert.Single(await journal.ListOpenOrdersAsync()).State);

        // A run before the CA's retry-after leaves the order alone.
        Assert.Equal(0, (await gateway.ProcessOnceAsync()).Issued);
        Assert.Equal(1, h.Fake().CollectCalls);

        time.Advance(TimeSpan.FromMinutes(10));
        var second = await gateway.ProcessOnceAsync();

        Assert.Equal(0, second.Processed);
        Assert.Equal(1, second.Issued);
        Assert.Empty(await journal.ListOpenOrdersAsync());
        Assert.NotNull(await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com"));
        Assert.Equal(1, h.Fake().OrderCount);
        Assert.Equal(2, h.Fake().CollectCalls);
    }

    [Fact]
    public async Task RenewAsync_RenewalRejectedBeforeRestart_BacksOffFromTheJournal()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake", termDays: 365);
        h.Build.TimeProvider = time;
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "partner@partner.test");
        await gateway.ProcessOnceAsync();
        var certificate = await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com");
        h.Fake().Options.Reject = true;
        time.SetUtcNow(certificate!.NotAfter - TimeSpan.FromDays(5));
        Assert.Equal(RenewalResult.Failed, Assert.Single((await gateway.RenewAsync()).Items).Result);

        await gateway.DisposeAsync();
        var restarted = h.Start();
        var again = Assert.Single((await restarted.RenewAsync()).Items);

        Assert.Equal(RenewalResult.BackingOff, again.Result);
        Assert.Null(again.Issuance);
        Assert.Equal(0, h.Fake().OrderCount);
        time.Advance(TimeSpan.FromMinutes(16));
        Assert.NotEqual(RenewalResult.BackingOff, Assert.Single((await restarted.RenewAsync()).Items).Result);
        Assert.Equal(1, h.Fake().OrderCount);
    }
}
