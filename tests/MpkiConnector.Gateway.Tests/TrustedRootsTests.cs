using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.LocalCa;

namespace MpkiConnector.Gateway.Tests;

/// <summary>Issue 17 item 4 through the gateway: a provider account's TrustedRoots decide which chains are accepted.</summary>
public sealed class TrustedRootsTests
{
    [Fact]
    public async Task ProcessOnceAsync_AccountTrustsAnotherRoot_CertificateRejectedAndMailNotSigned()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        using var other = LocalCertificateAuthority.Create("Some Other Root");
        await File.WriteAllTextAsync(h.Temp.Combine("other-root.pem"), other.Root.ExportCertificatePem());
        h.Config["Providers"]!["fake"]!["TrustedRoots"] = new JsonArray("other-root.pem");
        h.Config["FirstMail"] = new JsonObject { ["Policy"] = "Hold", ["HoldTimeout"] = "00:00:30", ["HoldFallback"] = "SendUnsigned" };
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(0, summary.Signed);
        Assert.Equal(1, summary.PassedUnsigned);
        Assert.Null(await gateway.SecureMimeContext.FindSigningCertificateAsync("alice@example.com"));
    }

    [Fact]
    public async Task Create_TrustedRootAsBase64Der_RegisteredForThatAccount()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        using var other = LocalCertificateAuthority.Create("Some Other Root");
        h.Config["Providers"]!["fake"]!["TrustedRoots"] = new JsonArray(Convert.ToBase64String(other.Root.RawData));

        var gateway = h.Start();

        var anchors = gateway.Services.GetRequiredService<CertificateTrustAnchors>();
        Assert.Equal(other.Root.RawData, Assert.Single(anchors.For("fake")).RawData);
        Assert.Empty(anchors.For("another"));
    }

    [Fact]
    public async Task Create_TrustedRootNeitherFileNorCertificate_NamesTheSetting()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["Providers"]!["fake"]!["TrustedRoots"] = new JsonArray("missing-root.pem");

        var ex = Assert.Throws<GatewayConfigurationException>(() => h.Start());

        Assert.StartsWith("Providers.fake.TrustedRoots[0]: 'missing-root.pem' is neither", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }
}
