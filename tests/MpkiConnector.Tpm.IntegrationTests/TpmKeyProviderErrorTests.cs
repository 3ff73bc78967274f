using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

[Collection(TpmCollection.Name)]
public sealed class TpmKeyProviderErrorTests : IDisposable
{
    private readonly SqliteStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task CreateAsync_NoTpmListening_ThrowsUnavailableNamingTheTcti()
    {
        // Start and stop a TPM to get a port nobody listens on.
        var tpm = await SoftwareTpm.StartAsync();
        await tpm.DisposeAsync();
        var provider = TpmTestFactory.CreateProvider(tpm, await _stores.OpenAsync());

        var error = await Assert.ThrowsAsync<MpkiException>(() => provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP256));

        Assert.Equal(MpkiErrorKind.Unavailable, error.Kind);
        Assert.Contains(tpm.Tcti, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_HandleRangeOutsideOwnerPersistentHandles_ThrowsConfiguration()
    {
        var store = await _stores.OpenAsync();

        var error = Assert.Throws<MpkiException>(() => new TpmKeyProvider(
            Microsoft.Extensions.Options.Options.Create(new TpmOptions { PersistentHandleFirst = 0x80000000 }),
            store,
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TpmKeyProvider>.Instance));

        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.Contains("PersistentHandleFirst", error.Message, StringComparison.Ordinal);
    }
}
