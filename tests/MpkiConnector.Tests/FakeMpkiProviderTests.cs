using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Testing;

namespace MpkiConnector.Tests;

public sealed class FakeMpkiProviderTests
{
    [Fact]
    public async Task AddFakeProvider_RegistersAConfiguredFakeInTheCatalog()
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddFakeProvider("fake", o => o.PendingCount = 1);
        await using var provider = services.BuildServiceProvider();

        var fake = Assert.IsType<FakeMpkiProvider>(provider.GetRequiredService<IMpkiProviderCatalog>().Get("fake"));

        Assert.Equal("fake", fake.Name);
        Assert.Equal(1, fake.Options.PendingCount);
        Assert.NotEmpty((await fake.DiscoverAsync()).CertificateTypes);
    }

    [Fact]
    public async Task RevokeAsync_ByOrder_LaterCollectIsRejected()
    {
        using var fake = new FakeMpkiProvider("fake", new FakeMpkiProviderOptions { PendingCount = 1 });
        using var key = TestKeys.Ephemeral(MpkiKeyAlgorithm.EcdsaP256);
        var order = await fake.SubmitAsync(new MpkiEnrollmentRequest("c-1", CsrBuilder.CreateForPerson(key, "olga@example.org"), MpkiCertificateKind.Person, "olga@example.org"));
        Assert.IsType<MpkiCollectResult.Pending>(await fake.CollectAsync(order));

        await fake.RevokeAsync(MpkiRevocationRequest.ByOrder(order.OrderId, MpkiRevocationReason.KeyCompromise));

        Assert.IsType<MpkiCollectResult.Rejected>(await fake.CollectAsync(order));
        Assert.True(fake.Orders[0].Revoked);
        Assert.Equal(order, await fake.FindOrderAsync(new MpkiEnrollmentRequest("c-1", "x", MpkiCertificateKind.Person, "olga@example.org")));
    }
}
