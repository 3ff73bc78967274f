namespace MpkiConnector.Testing.Tests;

public sealed class FakeProviderConformanceTests : IDisposable
{
    private readonly FakeMpkiProvider _fake = new("fake");

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task RunAsync_FakeWithEveryScenario_EveryCheckPasses()
    {
        var report = await ProviderConformance.RunAsync(Options());

        report.ThrowIfFailed();
        Assert.All(report.Results, r => Assert.Equal(ConformanceOutcome.Passed, r.Outcome));
        Assert.Equal(Enum.GetValues<ConformanceCheck>(), report.Results.Select(r => r.Check));
        Assert.Contains("EcdsaP256", report[ConformanceCheck.KeyAlgorithms].Detail, StringComparison.Ordinal);
        Assert.Contains("Rsa2048", report[ConformanceCheck.KeyAlgorithms].Detail, StringComparison.Ordinal);
        Assert.Contains("answer was lost", report[ConformanceCheck.FindOrderAfterLostAnswer].Detail, StringComparison.Ordinal);
        Assert.False(_fake.Options.Reject, "the rejection scenario is restored");
    }

    [Fact]
    public async Task RunAsync_NoScenariosNoCapabilities_SkippedWithReasons()
    {
        _fake.Options.Capabilities = MpkiCapabilities.None;

        var report = await ProviderConformance.RunAsync(new ProviderConformanceOptions
        {
            Provider = _fake,
            Addresses = ["conformance@example.com"],
            Rejection = ConformanceScenario.Unsupported("this CA issues every valid CSR"),
        });

        Assert.True(report.Succeeded, report.ToString());
        Assert.Contains("Pending is not set", report[ConformanceCheck.Pending].Detail, StringComparison.Ordinal);
        Assert.Equal("this CA issues every valid CSR", report[ConformanceCheck.Rejected].Detail);
        Assert.Equal(ConformanceOutcome.Skipped, report[ConformanceCheck.Revoke].Outcome);
        Assert.Equal(ConformanceOutcome.Skipped, report[ConformanceCheck.FindOrderAfterLostAnswer].Outcome);
        Assert.Equal(ConformanceOutcome.Passed, report[ConformanceCheck.Issued].Outcome);
    }

    [Theory]
    [InlineData(FakeWrongCertificate.OtherKey, "another public key")]
    [InlineData(FakeWrongCertificate.OtherAddress, "does not name")]
    [InlineData(FakeWrongCertificate.NoEmailProtection, "e-mail protection")]
    public async Task RunCheckAsync_IssuedWrongCertificate_FailsWithTheValidatorsReason(FakeWrongCertificate wrong, string reason)
    {
        _fake.Options.WrongCertificate = wrong;
        var kit = new ProviderConformance(Options());

        var error = await Assert.ThrowsAsync<ProviderConformanceException>(() => kit.RunCheckAsync(ConformanceCheck.Issued));

        Assert.Equal(ConformanceCheck.Issued, error.Check);
        Assert.StartsWith("Issued: the certificate issued for conformance", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCheckAsync_PendingScenarioThatIssuesAtOnce_Fails()
    {
        var kit = new ProviderConformance(Options() with { Pending = new ConformanceScenario() });

        var error = await Assert.ThrowsAsync<ProviderConformanceException>(() => kit.RunCheckAsync(ConformanceCheck.Pending));

        Assert.Contains("answered Issued; expected Pending", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCheckAsync_NeverIssues_FailsAfterTheCollectBound()
    {
        _fake.Options.PendingCount = 1000;
        var kit = new ProviderConformance(Options() with { MaxCollects = 3 });

        var error = await Assert.ThrowsAsync<ProviderConformanceException>(() => kit.RunCheckAsync(ConformanceCheck.Issued));

        Assert.Contains("still pending after 3 collects", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _fake.Orders[0].CollectCount);
    }

    [Fact]
    public async Task RunCheckAsync_RefusalIsTransient_FailsBecauseItWouldBeRetriedForever()
    {
        var kit = new ProviderConformance(Options() with
        {
            Rejection = new ConformanceScenario { Arrange = _ => SetAsync(() => _fake.Options.SubmitFailureCount = 1) },
        });

        var error = await Assert.ThrowsAsync<ProviderConformanceException>(() => kit.RunCheckAsync(ConformanceCheck.Rejected));

        Assert.Contains("refused with a transient Unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCheckAsync_RejectionScenarioIssues_Fails()
    {
        var kit = new ProviderConformance(Options() with { Rejection = new ConformanceScenario { Address = "refuse-me@example.com" } });

        var error = await Assert.ThrowsAsync<ProviderConformanceException>(() => kit.RunCheckAsync(ConformanceCheck.Rejected));

        Assert.Contains("refuse-me@example.com, a request the provider must refuse, was issued", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAllAsync_FindOrderLosesOrders_ReportFailsAndThrowsNamingTheCheck()
    {
        var report = await new ProviderConformance(Options() with { Provider = new ForgetfulProvider(_fake) }).RunAllAsync();

        Assert.False(report.Succeeded);
        var failed = Assert.Single(report.Results, r => r.Outcome == ConformanceOutcome.Failed);
        Assert.Equal(ConformanceCheck.FindOrderAfterLostAnswer, failed.Check);
        Assert.Contains("did not find the order", failed.Detail, StringComparison.Ordinal);
        var error = Assert.Throws<ProviderConformanceException>(report.ThrowIfFailed);
        Assert.Equal(ConformanceCheck.FindOrderAfterLostAnswer, error.Check);
    }

    [Fact]
    public async Task RunCheckAsync_ProviderThrowsAnythingButMpkiException_FailsSayingSo()
    {
        var kit = new ProviderConformance(Options() with { Provider = new ForgetfulProvider(_fake) { DiscoverThrows = true } });

        var error = await Assert.ThrowsAsync<ProviderConformanceException>(() => kit.RunCheckAsync(ConformanceCheck.Discover));

        Assert.Contains("threw InvalidOperationException", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Constructor_InvalidAddress_ArgumentExceptionNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProviderConformance(Options() with { Addresses = ["not an address"] }));

        Assert.Contains("ProviderConformanceOptions.Addresses", error.Message, StringComparison.Ordinal);
    }

    private static Task SetAsync(Action set)
    {
        set();
        return Task.CompletedTask;
    }

    private ProviderConformanceOptions Options() => new()
    {
        Provider = _fake,
        Addresses = ["conformance@example.com", "conformance2@example.org"],
        PollInterval = TimeSpan.Zero,
        Pending = new ConformanceScenario
        {
            Arrange = _ => SetAsync(() => _fake.Options.PendingCount = 2),
            Restore = _ => SetAsync(() => _fake.Options.PendingCount = 0),
        },
        Rejection = new ConformanceScenario
        {
            Arrange = _ => SetAsync(() => _fake.Options.Reject = true),
            Restore = _ => SetAsync(() => _fake.Options.Reject = false),
        },
        LostAnswer = new ConformanceScenario { Arrange = _ => SetAsync(() => _fake.Options.LoseSubmitAnswerCount = 1) },
    };
}
