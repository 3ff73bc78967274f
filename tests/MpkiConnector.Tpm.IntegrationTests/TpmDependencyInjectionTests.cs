using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm.Tests;

[Collection(TpmCollection.Name)]
public sealed class TpmDependencyInjectionTests(SwtpmFixture fixture) : IClassFixture<SwtpmFixture>, IDisposable
{
    private readonly SqliteStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task AddTpmKeys_Resolved_CreatesKeysInTheConfiguredTpm()
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddSqliteStore(_stores.DatabasePath).AddTpmKeys(o => o.Tcti = fixture.Tpm.Tcti);
        await using var provider = services.BuildServiceProvider();

        var keys = provider.GetRequiredKeyedService<IKeyProvider>(TpmKeys.ProviderKind);
        using var key = await keys.CreateAsync(MpkiKeyAlgorithm.EcdsaP256);

        Assert.IsType<TpmKeyProvider>(keys);
        Assert.Equal("tpm", key.ProviderKind);
    }

    [Fact]
    public async Task AddTpmKeys_InvalidOptions_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddTpmKeys(o => o.PersistentHandleLast = 0x90000000);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TpmOptions>>().Value);

        Assert.Contains("PersistentHandleFirst..PersistentHandleLast", error.Message, StringComparison.Ordinal);
    }
}
