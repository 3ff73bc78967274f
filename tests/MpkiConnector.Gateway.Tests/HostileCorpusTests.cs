using System.Diagnostics;
using System.Text.Json;

namespace MpkiConnector.Gateway.Tests;

/// <summary>
/// Issue 17: the hostile-input corpus (<c>Corpus/</c>, expectations in <c>Corpus/cases.json</c>): hostile MIME and
/// hostile addresses. Each message ends where its case says, with the reason it names, within its time bound.
/// </summary>
public sealed class HostileCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Load())
        {
            data.Add(entry.File);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ProcessOnceAsync_CorpusMessage_EndsWhereExpectedWithinBound(string file)
    {
        var expected = Load().Single(c => c.File == file);
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        File.Copy(Path.Combine(Folder, file), Path.Combine(h.Spool, file));
        var clock = Stopwatch.StartNew();

        var summary = await gateway.ProcessOnceAsync().WaitAsync(TimeSpan.FromSeconds(expected.Seconds));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(expected.Seconds), $"took {clock.Elapsed}");
        var outcome = summary switch
        {
            { Signed: 1 } => "Signed",
            { Rejected: 1 } => "Rejected",
            { PassedThrough: 1 } => "PassedThrough",
            { PassedUnsigned: 1 } => "PassedUnsigned",
            { Deferred: 1 } => "Deferred",
            _ => $"none ({summary.Processed} processed)",
        };
        var reasonFile = Path.Combine(h.Rejected, file + ".reason.txt");
        var reason = File.Exists(reasonFile) ? await File.ReadAllTextAsync(reasonFile) : "";
        Assert.True(expected.Outcome == outcome, $"{file}: expected {expected.Outcome}, got {outcome}; {reason}");
        if (expected.ReasonContains is { } why)
        {
            Assert.Contains(why, reason, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(h.Spool));
    }

    private static IReadOnlyList<CorpusCase> Load() =>
        JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(Path.Combine(Folder, "cases.json")))!;

    private sealed record CorpusCase(string File, string Outcome, string? ReasonContains, int Seconds);
}
