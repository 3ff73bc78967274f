using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Storage;
using MpkiConnector.TestUtils;
using Xunit.Abstractions;

namespace MpkiConnector.Gateway.Tests;

/// <summary>
/// Issue 17, CA fault matrix: one row per fault of the emulator (over HTTP on 127.0.0.1), through the gateway with two
/// first-seen senders of three messages each. Each row converges (all signed) or reports the true reason (in the
/// deferral and the journal); no wrong certificate is ever active; at most one order per sender reaches the CA; the
/// process's memory stays bounded. Rows that other tests cover are named in the printed table.
/// </summary>
public sealed class CaFaultMatrixTests(ITestOutputHelper output)
{
    private const long MemoryBound = 1L << 30;

    private static readonly (string Fault, Action<EmulatorBehavior> Configure, string? Reason)[] Rows =
    [
        ("5xx burst (503 x3)", b => b.ServerErrorBurst = 3, null),
        ("429 + Retry-After 1 s (x2)", b => { b.TooManyRequestsBurst = 2; b.RetryAfterSeconds = 1; }, null),
        ("slow steady answers (400 ms each)", b => b.LatencyMilliseconds = 400, null),
        ("dropped connections (x2)", b => b.DropConnectionBurst = 2, null),
        ("malformed JSON (x2)", b => b.MalformedJsonBurst = 2, null),
        ("malformed collect answer", b => { b.IssueAfterCollects = 1; b.FaultPathContains = "/collect"; b.MalformedJsonBurst = 1; }, null),
        ("lost enroll answer (order made, connection dropped)", b => b.EnrollDropCount = 1, null),
        ("pending for days", b => b.IssueAfterSeconds = TimeSpan.FromDays(3).TotalSeconds, "not issued yet"),
        ("order declined", b => b.DeclineOrders = true, "rejected at the CA"),
        ("wrong certificate: other key", b => b.WrongCertificate = WrongCertificateMode.OtherKey, "another public key"),
        ("wrong certificate: other address", b => b.WrongCertificate = WrongCertificateMode.OtherAddress, "does not name"),
        ("wrong certificate: no e-mail protection EKU", b => b.WrongCertificate = WrongCertificateMode.NoEmailProtection, "e-mail protection"),
    ];

    private static readonly (string Fault, string CoveredBy)[] CoveredElsewhere =
    [
        ("latency over the timeout / enroll timeout", "SectigoResilienceEmulatorTests.SubmitAsync_EnrollCreatesOrderThenTimesOut_UnavailableAndFindOrderFindsTheOneOrder"),
        ("huge JSON answer (64 MiB)", "Sectigo client bound test (16 MiB limit, issue 17 item 6)"),
        ("huge / malformed certificates", "SectigoCertificateParserTests, CertificateValidator: not a readable X.509 certificate"),
        ("extra addresses in the SAN", "CertificateTrustTests.Validate_ExtraAddressInSan_IsRejected"),
        ("untrusted chain", "CertificateTrustTests, TrustedRootsTests, TrustPinningTests"),
        ("expired / not yet valid / CA:TRUE", "CertificateTrustTests and the validator tests in MpkiConnector.Tests"),
        ("malformed organisations answer", "UnreadableAnswerTests.ProcessOnceAsync_MalformedOrganisationsAnswer_RetriedNotParkedAndSigned"),
    ];

    [Fact]
    public async Task ProcessOnceAsync_EachCaFault_ConvergesOrReportsTheReasonOneOrderPerSenderNothingWrongActive()
    {
        var table = new List<string> { "| fault | outcome | signed | orders (max/sender) | active | reason | ms | memory MiB |", "|---|---|---|---|---|---|---|---|" };
        var failures = new List<string>();
        foreach (var (fault, configure, reason) in Rows)
        {
            var watch = Stopwatch.StartNew();
            var (line, problem) = await RunRowAsync(fault, configure, reason);
            table.Add($"{line} {watch.ElapsedMilliseconds} | {Environment.WorkingSet / (1024 * 1024)} |");
            if (problem is not null)
            {
                failures.Add($"{fault}: {problem}");
            }
        }

        table.AddRange(CoveredElsewhere.Select(c => $"| {c.Fault} | covered by {c.CoveredBy} | | | | | | |"));
        SuiteFigures.Report(output, string.Join(Environment.NewLine, table));
        Assert.Empty(failures);
        Assert.InRange(Environment.WorkingSet, 1, MemoryBound);
    }

    private static async Task<(string Line, string? Problem)> RunRowAsync(string fault, Action<EmulatorBehavior> configure, string? reason)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        configure(emulator.Behavior);
        await using var h = EmulatorGateway.Create(emulator);
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:20", ["HoldFallback"] = "Defer", ["DeferRetryInterval"] = "00:00:01" };
        var gateway = h.Start();
        string[] senders = ["ann@example.com", "ben@example.com"];
        for (var i = 0; i < 6; i++)
        {
            h.WriteMail($"m{i}.eml", senders[i % 2], "someone@partner.test");
        }

        var signed = (await gateway.ProcessOnceAsync()).Signed;
        for (var retry = 0; retry < 2 && signed < 6 && reason is null; retry++)
        {
            await Task.Delay(1500);
            signed += (await gateway.ProcessOnceRetryingDeferredAsync()).Signed;
        }

        var orders = (await emulator.Emulator.GetOrdersAsync(emulator.CustomerUri)).GroupBy(o => o.Email).Select(g => g.Count()).DefaultIfEmpty().Max();
        var journal = gateway.Services.GetRequiredService<IOrderJournal>();
        var active = 0;
        var reasons = new List<string>();
        foreach (var sender in senders)
        {
            active += (await gateway.Certificates.ListAsync(sender)).Count(c => c.Status == CertificateStatus.Active);
            reasons.AddRange((await journal.ListOrdersAsync(sender)).Select(o => o.LastError ?? string.Empty));
        }

        reasons.AddRange(Directory.GetFiles(h.Deferred, "*.defer.json").Select(f => JsonNode.Parse(File.ReadAllText(f))?["Reason"]?.GetValue<string>() ?? string.Empty));

        var converged = signed == 6 && active == 2;
        var reported = reason is not null && reasons.Any(r => r.Contains(reason, StringComparison.OrdinalIgnoreCase));
        var outcome = converged ? "converged" : reported ? "reported" : "NEITHER";
        var shown = reason is null ? "-" : reasons.FirstOrDefault(r => r.Contains(reason, StringComparison.OrdinalIgnoreCase))?.ReplaceLineEndings(" ") ?? $"(none matched; first: {reasons.FirstOrDefault(r => r.Length > 0)})";
        var line = $"| {fault} | {outcome} | {signed}/6 | {orders} | {active} | {(shown.Length > 160 ? shown[..160] + "..." : shown).Replace('|', '/')} |";
        string? problem = (reason is null ? converged : reported && active == 0) ? null : $"outcome {outcome}, {signed} signed, {active} active";
        if (orders > 1)
        {
            problem = $"{orders} orders at the CA for one sender";
        }

        return (line, problem);
    }
}
