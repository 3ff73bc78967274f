using System.Globalization;
using System.Text.Json.Nodes;
using MimeKit.Cryptography;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

/// <summary>Answers the gateway could not read, from the emulator over HTTP: nothing is abandoned, nothing ordered twice.</summary>
public sealed class UnreadableAnswerTests
{
    [Fact]
    public async Task ProcessOnceAsync_MalformedOrganisationsAnswer_RetriedNotParkedAndSigned()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.Behavior.FaultPathContains = "/api/organization/v1";
        emulator.Behavior.MalformedJsonBurst = 1;
        await using var h = WithEmulator(emulator);
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Signed);
        Assert.IsType<MultipartSigned>(GatewayHarness.Load(Path.Combine(h.Outbox, "a.eml")).Body);
        Assert.Equal(1, await emulator.Emulator.CountOrdersAsync());
    }

    [Fact]
    public async Task ProcessOnceAsync_MalformedCollectAnswer_OrderKeptOpenAndCollectedAgain()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        emulator.Behavior.IssueAfterCollects = 1; // the first collect is a pending answer (HTTP 400, JSON): it is cut in half
        emulator.Behavior.FaultPathContains = "/collect";
        emulator.Behavior.MalformedJsonBurst = 1;
        await using var h = WithEmulator(emulator);
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Signed);
        Assert.Equal(1, await emulator.Emulator.CountOrdersAsync());
        var collects = emulator.Emulator.Requests.Where(r => r.Path.Contains("/collect", StringComparison.Ordinal)).ToList();
        Assert.True(collects.Count >= 2, string.Join(", ", emulator.Emulator.Requests.Select(r => $"{r.Method} {r.Path} {r.Status}")));
        Assert.Single(await gateway.Certificates.ListAsync("alice@example.com"));
    }

    private static GatewayHarness WithEmulator(RunningEmulator emulator)
    {
        var h = new GatewayHarness(TimeProvider.System);
        h.Config["Providers"]!["scm"] = new JsonObject
        {
            ["Type"] = "emulator",
            ["BaseUrl"] = emulator.BaseAddress.ToString(),
            ["CustomerUri"] = emulator.CustomerUri,
            ["Login"] = emulator.Login,
            ["OrganizationId"] = RunningEmulator.DefaultOrganizationId.ToString(CultureInfo.InvariantCulture),
            ["CertificateType"] = "Emulator S/MIME",
            ["TermDays"] = 365,
        };
        h.Environment["MPKI__Providers__scm__Password"] = emulator.Password;
        h.WithDomain("example.com", "scm", termDays: 365);
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:20", ["HoldFallback"] = "Defer" };
        return h;
    }
}
