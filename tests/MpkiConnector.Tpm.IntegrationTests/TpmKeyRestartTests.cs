using System.Security.Cryptography;

namespace MpkiConnector.Tpm.Tests;

[Collection(TpmCollection.Name)]
public sealed class TpmKeyRestartTests(SwtpmFixture fixture) : IClassFixture<SwtpmFixture>, IDisposable
{
    private readonly SqliteStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task OpenAsync_AfterSwtpmRestartOnSameStateFolderAndNewStoreInstance_SignsWithTheSameKey()
    {
        var store = await _stores.OpenAsync();
        string keyId;
        byte[] publicKeyInfo;
        using (var created = await TpmTestFactory.CreateProvider(fixture.Tpm, store).CreateAsync(MpkiKeyAlgorithm.EcdsaP256))
        {
            keyId = created.KeyId;
            publicKeyInfo = created.ExportSubjectPublicKeyInfo();
        }

        var pidBefore = fixture.Tpm.ProcessId;
        await fixture.Tpm.RestartAsync();
        Assert.NotEqual(pidBefore, fixture.Tpm.ProcessId);

        // A new store and provider instance on the same database, as a new process would make, on the restarted TPM.
        using var opened = await TpmTestFactory.CreateProvider(fixture.Tpm, await _stores.OpenAsync()).OpenAsync(keyId);

        Assert.Equal(publicKeyInfo, opened.ExportSubjectPublicKeyInfo());
        var data = "after a reboot"u8.ToArray();
        var signature = opened.Ecdsa!.SignData(data, HashAlgorithmName.SHA256);
        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task CreateAsync_AfterSwtpmRestart_CreatesAtTheNextFreeHandle()
    {
        var store = await _stores.OpenAsync();
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, store);
        using var first = await provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP256);
        first.Dispose();
        await fixture.Tpm.RestartAsync();

        using var second = await provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP256);

        var firstHandle = (await store.GetKeyAsync(first.KeyId))!.ExternalReference;
        var secondHandle = (await store.GetKeyAsync(second.KeyId))!.ExternalReference;
        Assert.NotEqual(firstHandle, secondHandle);
        var handles = await fixture.Tpm.GetPersistentHandlesAsync();
        Assert.True(TpmDevice.TryParseHandle(firstHandle, out var h1) && handles.Contains(h1));
        Assert.True(TpmDevice.TryParseHandle(secondHandle, out var h2) && handles.Contains(h2));
    }
}
