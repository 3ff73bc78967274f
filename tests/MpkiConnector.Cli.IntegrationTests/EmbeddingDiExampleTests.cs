using Microsoft.Extensions.Configuration;
using MpkiConnector.Examples.EmbeddingDi;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

public sealed class EmbeddingDiExampleTests
{
    [Fact]
    public async Task IssueOneCertificate_AgainstTheEmulator_IssuesOneCertificateWithOneOrder()
    {
        using var folder = new TempDirectory("mpki-cli-tests");
        await using var emulator = await RunningEmulator.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:emulator:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Providers:emulator:CustomerUri"] = emulator.CustomerUri,
            ["Providers:emulator:Login"] = emulator.Login,
            ["Providers:emulator:Password"] = emulator.Password,
            ["Providers:emulator:OrganizationId"] = "1001",
            ["Providers:emulator:CertificateType"] = "Emulator S/MIME",
            ["Providers:emulator:TermDays"] = "365",
            ["Keys:KeyEncryptionKey"] = KeyEncryptionKey.Generate(),
        }).Build();
        using var log = new StringWriter();

        var certificate = await IssueOneCertificate.RunAsync(configuration, folder.Combine("example.db"), "jane.doe@example.com", log);

        Assert.Equal("jane.doe@example.com", certificate.Address);
        Assert.Equal(1, await emulator.Emulator.CountOrdersAsync());
        Assert.Contains("certificate type 2001: Emulator S/MIME", log.ToString(), StringComparison.Ordinal);
    }
}
