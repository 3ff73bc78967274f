using System.Text.Json.Nodes;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

public sealed class PipelineTests
{
    [Fact]
    public async Task ProcessOnceAsync_MalformedMessage_RejectedWithReasonAndRunGoesOn()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        File.WriteAllText(Path.Combine(h.Spool, "0-broken.eml"), "this is not a mail message at all\r\n");
        h.WriteMail("1-good.eml", "alice@example.com", "bob@partner.test");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Rejected);
        Assert.Equal(1, summary.Signed);
        var rejected = Path.Combine(h.Rejected, "0-broken.eml");
        Assert.True(File.Exists(rejected));
        Assert.Contains("malformed message", await File.ReadAllTextAsync(rejected + ".reason.txt"), StringComparison.Ordinal);
        Assert.IsType<MultipartSigned>(GatewayHarness.Load(Path.Combine(h.Outbox, "1-good.eml")).Body);
        Assert.Empty(Directory.GetFiles(h.Spool));
    }

    [Fact]
    public async Task ProcessOnceAsync_DomainWithOrganizationOverride_OrderCarriesThatOrganization()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake").WithDomain("example.org", "fake");
        h.Config["Domains"]![0]!["OrganizationId"] = "1002";
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");
        h.WriteMail("b.eml", "carol@example.org", "bob@partner.test");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(2, summary.Signed);
        var orders = h.Fake().Orders.ToDictionary(o => o.Request.Subject, o => o.Request.OrganizationId, StringComparer.Ordinal);
        Assert.Equal("1002", orders["alice@example.com"]);
        Assert.Null(orders["carol@example.org"]);
    }

    [Theory]
    [InlineData("\"alice,mallory\"@example.com", "list of addresses")]
    [InlineData("j\u00f6rg@example.com", "")]
    public async Task ProcessOnceAsync_HostileFromAddress_RejectedWithCoresReasonAndNoOrder(string from, string why)
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        await File.WriteAllTextAsync(Path.Combine(h.Spool, "hostile.eml"),
            $"From: {from}\r\nTo: bob@partner.test\r\nSubject: hi\r\nMessage-Id: <1@x.test>\r\n\r\nbody\r\n", new System.Text.UTF8Encoding(false));

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Rejected);
        var reason = await File.ReadAllTextAsync(Path.Combine(h.Rejected, "hostile.eml.reason.txt"));
        Assert.Contains("the sender address is refused", reason, StringComparison.Ordinal);
        Assert.Contains(why, reason, StringComparison.Ordinal);
        Assert.Equal(0, h.Fake().OrderCount);
    }

    [Fact]
    public async Task ProcessOnceAsync_UnmanagedSender_PassedThroughUnchanged()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        var input = h.WriteMail("a.eml", "someone@elsewhere.test", "other@partner.test");
        var bytes = await File.ReadAllBytesAsync(input);

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.PassedThrough);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(h.Outbox, "a.eml")));
        Assert.Equal(0, h.Fake().OrderCount);
    }

    [Fact]
    public async Task ProcessOnceAsync_HoldAndCaPendingPastBound_DeferredThenSignedWhenIssued()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:00.300", ["HoldFallback"] = "Defer", ["DeferRetryInterval"] = "00:00:01" };
        h.Build.ConfigureIssuance = o => { o.MaxWait = TimeSpan.FromMilliseconds(600); o.PollInterval = TimeSpan.FromMilliseconds(100); };
        var gateway = h.Start();
        h.Fake().Options.PendingCount = 10;
        h.Fake().Options.PendingRetryAfter = TimeSpan.FromMilliseconds(100);
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var first = await h.Time.AdvanceUntilDoneAsync(gateway.ProcessOnceAsync(), TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, first.Deferred);
        Assert.Equal(0, first.Signed);
        Assert.True(File.Exists(Path.Combine(h.Deferred, "a.eml")));
        Assert.Contains("not issued within", await File.ReadAllTextAsync(Path.Combine(h.Deferred, "a.eml.defer.json")), StringComparison.Ordinal);
        Assert.Equal(1, h.Fake().OrderCount);

        // The order stays open at the CA; later runs resume it (no second order) until it is issued.
        var signed = 0;
        for (var run = 0; run < 6 && signed == 0; run++)
        {
            signed = (await h.Time.AdvanceUntilDoneAsync(gateway.ProcessOnceRetryingDeferredAsync(), TimeSpan.FromMilliseconds(100))).Signed;
        }

        Assert.Equal(1, signed);
        Assert.Equal(1, h.Fake().OrderCount);
        Assert.Empty(Directory.GetFiles(h.Deferred));
        Assert.IsType<MultipartSigned>(GatewayHarness.Load(Path.Combine(h.Outbox, "a.eml")).Body);
    }

    [Fact]
    public async Task ProcessOnceAsync_HoldFallbackSendUnsigned_PassesUnsignedWhenCaStaysPending()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:00.200", ["HoldFallback"] = "SendUnsigned" };
        h.Build.ConfigureIssuance = o => { o.MaxWait = TimeSpan.FromMilliseconds(500); o.PollInterval = TimeSpan.FromMilliseconds(100); };
        var gateway = h.Start();
        h.Fake().Options.PendingCount = 1000;
        h.Fake().Options.PendingRetryAfter = TimeSpan.FromMilliseconds(100);
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var summary = await h.Time.AdvanceUntilDoneAsync(gateway.ProcessOnceAsync(), TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, summary.PassedUnsigned);
        Assert.IsType<MimeKit.TextPart>(GatewayHarness.Load(Path.Combine(h.Outbox, "a.eml")).Body);
    }

    [Fact]
    public async Task ProcessOnceAsync_DeferPolicy_DeferredWhileIssuingThenSigned()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Defer", ["DeferRetryInterval"] = "00:00:01" };
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");
        h.WriteMail("b.eml", "alice@example.com", "carol@partner.test");

        var first = await gateway.ProcessOnceAsync();

        Assert.Equal(2, first.Deferred);
        Assert.Equal(1, first.Issued);
        Assert.Equal(1, h.Fake().OrderCount);
        var second = await gateway.ProcessOnceRetryingDeferredAsync();
        Assert.Equal(2, second.Signed);
        Assert.Equal(0, second.Issued);
        Assert.Equal(1, h.Fake().OrderCount);
    }

    [Fact]
    public async Task ProcessOnceAsync_SendUnsignedPolicy_PassesFirstMailAndIssuesInBackground()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "SendUnsigned" };
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var first = await gateway.ProcessOnceAsync();

        Assert.Equal(1, first.PassedUnsigned);
        Assert.Equal(1, first.Issued);
        h.WriteMail("b.eml", "alice@example.com", "bob@partner.test");
        var second = await gateway.ProcessOnceAsync();
        Assert.Equal(1, second.Signed);
        Assert.Equal(1, h.Fake().OrderCount);
    }

    [Fact]
    public async Task ProcessOnceAsync_CaRejects_MessageDeferredWithReasonAndAddressParked()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:10", ["HoldFallback"] = "Defer", ["DeferRetryInterval"] = "00:00:01" };
        var gateway = h.Start();
        h.Fake().Options.Reject = true;
        h.Fake().Options.RejectReason = "Domain not delegated to the organisation.";
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var first = await gateway.ProcessOnceAsync();
        var second = await gateway.ProcessOnceRetryingDeferredAsync();

        Assert.Equal(1, first.Deferred);
        Assert.Equal(1, second.Deferred);
        Assert.Contains("not delegated", await File.ReadAllTextAsync(Path.Combine(h.Deferred, "a.eml.defer.json")), StringComparison.Ordinal);
        Assert.Equal(1, h.Fake().OrderCount);
    }

    [Fact]
    public async Task ProcessOnceAsync_AutoIssueOff_PassesUnsignedWithoutOrder()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["Domains"]![0]!["AutoIssue"] = false;
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.PassedUnsigned);
        Assert.Equal(0, h.Fake().OrderCount);
    }

    [Fact]
    public async Task Create_DomainOverriddenFromEnvironmentToUnknownAccount_ClearMessage()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Environment["MPKI__Domains__0__Provider"] = "dfn";

        var ex = Assert.Throws<GatewayConfigurationException>(() => h.Start());

        Assert.Equal("Domains[0].Provider: 'dfn' (for example.com) is not a configured provider account (known: fake).", Assert.Single(ex.Errors));
    }

    [Fact]
    public async Task Create_TermNotANumber_NamesSetting()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["Domains"]![0]!["TermDays"] = "a year";

        var ex = Assert.Throws<GatewayConfigurationException>(() => h.Start());

        Assert.StartsWith("Domains.0.TermDays: Failed to convert", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MissingKek_ClearMessage()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Environment.Remove("TEST_KEK");

        var ex = Assert.Throws<GatewayConfigurationException>(() => h.Start());

        Assert.StartsWith("KeyEncryptionKey: the environment variable 'TEST_KEK' is not set", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }
}
