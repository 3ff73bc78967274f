using MpkiConnector.Testing;
using Xunit.Abstractions;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>The provider conformance kit run against the Sectigo provider over the SCM emulator (127.0.0.1).</summary>
public sealed class SectigoConformanceTests(ITestOutputHelper output) : SectigoEmulatorTestBase
{
    [Fact]
    public async Task RunAsync_SectigoOverEmulator_EveryCheckPasses()
    {
        using var services = Services();
        var behavior = Emulator.Behavior;
        var report = await ProviderConformance.RunAsync(new ProviderConformanceOptions
        {
            Provider = services.Provider(),
            Addresses = ["conformance@example.com", "conformance@example.org"],
            PollInterval = TimeSpan.Zero,
            Pending = new ConformanceScenario
            {
                Arrange = _ => Set(() => behavior.IssueAfterCollects = 2),
                Restore = _ => Set(() => behavior.IssueAfterCollects = 0),
            },
            Rejection = new ConformanceScenario { Address = "someone@not-delegated.example.net" },
            LostAnswer = new ConformanceScenario { Arrange = _ => Set(() => behavior.EnrollDropCount = 1) },
        });

        output.WriteLine(report.ToString());
        report.ThrowIfFailed();
        Assert.All(report.Results, r => Assert.Equal(ConformanceOutcome.Passed, r.Outcome));
        Assert.Contains("non-transient", report[ConformanceCheck.Rejected].Detail, StringComparison.Ordinal);
        Assert.Contains("Rsa2048", report[ConformanceCheck.KeyAlgorithms].Detail, StringComparison.Ordinal);
        Assert.Equal(0, behavior.EnrollDropCount);
    }

    private static Task Set(Action set)
    {
        set();
        return Task.CompletedTask;
    }
}
