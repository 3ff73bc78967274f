using MpkiConnector.Examples.PluginProvider;
using MpkiConnector.Plugins;

namespace MpkiConnector.Testing.Tests;

/// <summary>The conformance kit run against examples/PluginProvider, the way a plugin author runs it.</summary>
public sealed class PluginProviderConformanceTests : IDisposable
{
    private readonly ExampleCaProvider _provider = Create(new Dictionary<string, string?> { ["Domains"] = "example.com, example.org" });

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task RunAsync_ExamplePluginWithRsaAndEcKeys_EveryApplicableCheckPasses()
    {
        var report = await ProviderConformance.RunAsync(new ProviderConformanceOptions
        {
            Provider = _provider,
            Addresses = ["plugin@example.com", "plugin@example.org"],
            KeyAlgorithms = [MpkiKeyAlgorithm.EcdsaP256, MpkiKeyAlgorithm.Rsa2048, MpkiKeyAlgorithm.EcdsaP384],
            CertificateType = "Example S/MIME",
            TermDays = 365,
            Pending = ConformanceScenario.Unsupported("the example CA issues at submit; it never answers pending"),
            Rejection = new ConformanceScenario { Address = "someone@not-ours.example" },
        });

        report.ThrowIfFailed();
        Assert.Equal(ConformanceOutcome.Skipped, report[ConformanceCheck.Pending].Outcome);
        Assert.All(report.Results.Where(r => r.Check != ConformanceCheck.Pending), r => Assert.Equal(ConformanceOutcome.Passed, r.Outcome));
        Assert.Contains("Rsa2048", report[ConformanceCheck.KeyAlgorithms].Detail, StringComparison.Ordinal);
        Assert.Contains("EcdsaP384", report[ConformanceCheck.KeyAlgorithms].Detail, StringComparison.Ordinal);
        Assert.Contains("non-transient InvalidRequest", report[ConformanceCheck.Rejected].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_TermTheCaCannotSign_NonTransientRejectedAndNoOrder()
    {
        using var provider = Create(new Dictionary<string, string?>());
        using var key = System.Security.Cryptography.RSA.Create(2048);
        using var mpkiKey = new MpkiKey("k", "test", MpkiKeyAlgorithm.Rsa2048, key);
        var request = new MpkiEnrollmentRequest("c-1", CsrBuilder.CreateForPerson(mpkiKey, "jane@example.com"), MpkiCertificateKind.Person, "jane@example.com")
        {
            TermDays = 100_000_000,
        };

        var error = await Assert.ThrowsAsync<MpkiException>(() => provider.SubmitAsync(request));

        Assert.Equal(MpkiErrorKind.Rejected, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(0, provider.OrderCount);
    }

    private static ExampleCaProvider Create(Dictionary<string, string?> settings) =>
        (ExampleCaProvider)new ExampleCaProviderFactory().Create(new MpkiProviderFactoryContext("example", settings, TimeProvider.System));
}
