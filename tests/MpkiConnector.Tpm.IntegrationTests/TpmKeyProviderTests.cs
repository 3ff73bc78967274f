using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

[Collection(TpmCollection.Name)]
public sealed class TpmKeyProviderTests(SwtpmFixture fixture) : IClassFixture<SwtpmFixture>, IDisposable
{
    private readonly SqliteStores _stores = new();

    public void Dispose() => _stores.Dispose();

    private static readonly byte[] Data = "signed inside the TPM"u8.ToArray();

    [Fact]
    public async Task GetSupportedAlgorithmsAsync_Swtpm_OffersRsa2048AndP256()
    {
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, await _stores.OpenAsync());

        var supported = await provider.GetSupportedAlgorithmsAsync();

        Assert.Contains(MpkiKeyAlgorithm.Rsa2048, supported);
        Assert.Contains(MpkiKeyAlgorithm.EcdsaP256, supported);
    }

    [Fact]
    public async Task CreateAsync_Rsa2048_SignsInTpmVerifiesWithPublicKeyAndRefusesExport()
    {
        var store = await _stores.OpenAsync();
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, store);

        using var key = await provider.CreateAsync(MpkiKeyAlgorithm.Rsa2048);

        Assert.Equal("tpm", key.ProviderKind);
        Assert.Equal(2048, key.Rsa!.KeySize);
        var pkcs1 = key.Rsa.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var pss = key.Rsa.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        using var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        Assert.True(publicKey.VerifyData(Data, pkcs1, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(publicKey.VerifyData(Data, pss, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        Assert.ThrowsAny<CryptographicException>(() => key.Rsa.ExportParameters(includePrivateParameters: true));
        Assert.ThrowsAny<CryptographicException>(() => key.Rsa.ExportPkcs8PrivateKey());
    }

    [Fact]
    public async Task CreateAsync_EcdsaP256_SignsInTpmVerifiesWithPublicKeyAndRefusesExport()
    {
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, await _stores.OpenAsync());

        using var key = await provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP256);

        Assert.Equal(256, key.Ecdsa!.KeySize);
        var signature = key.Ecdsa.SignData(Data, HashAlgorithmName.SHA256);
        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        Assert.True(publicKey.VerifyData(Data, signature, HashAlgorithmName.SHA256));
        Assert.False(publicKey.VerifyData("something else"u8, signature, HashAlgorithmName.SHA256));
        Assert.ThrowsAny<CryptographicException>(() => key.Ecdsa.ExportParameters(includePrivateParameters: true));
        Assert.ThrowsAny<CryptographicException>(() => key.Ecdsa.ExportECPrivateKey());
    }

    [Fact]
    public async Task CreateAsync_Key_IsRecordedWithItsPersistentHandleInTheConfiguredRange()
    {
        var store = await _stores.OpenAsync();
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, store);

        using var key = await provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP256);

        var record = await store.GetKeyAsync(key.KeyId);
        Assert.NotNull(record);
        Assert.Equal("tpm", record.ProviderKind);
        Assert.Null(record.EncryptedPkcs8);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), record.PublicKeyInfo);
        Assert.True(TpmDevice.TryParseHandle(record.ExternalReference, out var handle));
        Assert.InRange(handle, 0x81000100u, 0x810001FFu);
        Assert.Contains(handle, await fixture.Tpm.GetPersistentHandlesAsync());
    }

    [Fact]
    public async Task CreateAsync_CsrSignedInTpm_PassesOpenSslReqVerify()
    {
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, await _stores.OpenAsync());
        using var key = await provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP256);
        var path = Path.Combine(Path.GetTempPath(), $"tpm-csr-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, CsrBuilder.Create(key, MpkiCertificateKind.Person, "Alice@Example.com", "Alice Example"));
        try
        {
            var (exitCode, output) = await OpenSslRunner.RunAsync("req", "-verify", "-noout", "-text", "-in", path);

            Assert.True(exitCode == 0, output);
            Assert.Contains("verify OK", output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("email:alice@example.com", output, StringComparison.Ordinal);
            Assert.Contains("CN = Alice Example", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task CreateAsync_AlgorithmTheTpmLacks_ThrowsConfigurationAndCreatesNoHandle()
    {
        // swtpm (libtpms) has no RSA-4096: allow it in the options so that the TPM's own answer is what refuses it.
        var store = await _stores.OpenAsync();
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, store, o => TpmTestFactory.AllowRsa4096(o));
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var error = await Assert.ThrowsAsync<MpkiException>(() => provider.CreateAsync(MpkiKeyAlgorithm.Rsa4096));

        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.Contains("does not support RSA-4096", error.Message, StringComparison.Ordinal);
        Assert.Contains("no key was created", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.Empty(await store.ListKeysAsync("tpm"));
    }

    [Fact]
    public async Task CreateAsync_AlgorithmNotAllowed_ThrowsConfigurationAndCreatesNoHandle()
    {
        var store = await _stores.OpenAsync();
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, store);
        var before = await fixture.Tpm.GetPersistentHandlesAsync();

        var error = await Assert.ThrowsAsync<MpkiException>(() => provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP521));

        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.Contains("ECDSA P-521 is not allowed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.Empty(await store.ListKeysAsync("tpm"));
    }

    [Fact]
    public async Task DeleteAsync_Key_EvictsHandleAndForgetsRecord()
    {
        var store = await _stores.OpenAsync();
        var provider = TpmTestFactory.CreateProvider(fixture.Tpm, store);
        string keyId;
        using (var key = await provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP256))
        {
            keyId = key.KeyId;
        }

        var record = await store.GetKeyAsync(keyId);
        Assert.True(TpmDevice.TryParseHandle(record!.ExternalReference, out var handle));

        await provider.DeleteAsync(keyId);

        Assert.DoesNotContain(handle, await fixture.Tpm.GetPersistentHandlesAsync());
        Assert.Null(await store.GetKeyAsync(keyId));
        var error = await Assert.ThrowsAsync<MpkiException>(() => provider.OpenAsync(keyId));
        Assert.Equal(MpkiErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task OpenAsync_AfterDisposeInNewProvider_SignsWithTheSameKey()
    {
        var store = await _stores.OpenAsync();
        string keyId;
        byte[] publicKeyInfo;
        using (var created = await TpmTestFactory.CreateProvider(fixture.Tpm, store).CreateAsync(MpkiKeyAlgorithm.Rsa2048))
        {
            keyId = created.KeyId;
            publicKeyInfo = created.ExportSubjectPublicKeyInfo();
        }

        using var opened = await TpmTestFactory.CreateProvider(fixture.Tpm, store).OpenAsync(keyId);

        Assert.Equal(publicKeyInfo, opened.ExportSubjectPublicKeyInfo());
        var signature = opened.Rsa!.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(publicKeyInfo, out _);
        Assert.True(publicKey.VerifyData(Data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
