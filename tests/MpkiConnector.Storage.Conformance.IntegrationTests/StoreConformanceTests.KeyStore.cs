using System.Security.Cryptography;

namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>KeyStore.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task SaveKeyAsync_SoftwareKey_RoundTrips()
    {
        var key = new StoredKey("k1", "software", MpkiKeyAlgorithm.EcdsaP384, RandomNumberGenerator.GetBytes(200), null, RandomNumberGenerator.GetBytes(120), TestRecords.Now);

        await Store.SaveKeyAsync(key);
        var read = await Store.GetKeyAsync("k1");

        Assert.NotNull(read);
        Assert.Equal(key.Id, read.Id);
        Assert.Equal(key.ProviderKind, read.ProviderKind);
        Assert.Equal(key.Algorithm, read.Algorithm);
        Assert.Equal(key.EncryptedPkcs8, read.EncryptedPkcs8);
        Assert.Null(read.ExternalReference);
        Assert.Equal(key.PublicKeyInfo, read.PublicKeyInfo);
        Assert.Equal(key.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task SaveKeyAsync_TpmReference_RoundTrips()
    {
        var key = new StoredKey("k2", "tpm", MpkiKeyAlgorithm.Rsa2048, null, "0x81010002", RandomNumberGenerator.GetBytes(294), TestRecords.Now);

        await Store.SaveKeyAsync(key);
        var read = await Store.GetKeyAsync("k2");

        Assert.NotNull(read);
        Assert.Null(read.EncryptedPkcs8);
        Assert.Equal("0x81010002", read.ExternalReference);
        Assert.Equal(MpkiKeyAlgorithm.Rsa2048, read.Algorithm);
    }

    [Fact]
    public async Task SaveKeyAsync_DuplicateId_Throws()
    {
        var key = new StoredKey("k1", "software", MpkiKeyAlgorithm.EcdsaP256, [1, 2, 3], null, [4, 5], TestRecords.Now);
        await Store.SaveKeyAsync(key);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SaveKeyAsync(key));
    }

    [Fact]
    public async Task ListKeysAsync_TwoKinds_ReturnsOnlyThatKind()
    {
        await Store.SaveKeyAsync(new StoredKey("s1", "software", MpkiKeyAlgorithm.EcdsaP256, [1], null, [2], TestRecords.Now));
        await Store.SaveKeyAsync(new StoredKey("s2", "software", MpkiKeyAlgorithm.Rsa3072, [1], null, [2], TestRecords.Now.AddSeconds(1)));
        await Store.SaveKeyAsync(new StoredKey("t1", "tpm", MpkiKeyAlgorithm.Rsa2048, null, "0x81000001", [2], TestRecords.Now));

        var software = await Store.ListKeysAsync("software");

        Assert.Equal(["s1", "s2"], software.Select(k => k.Id));
        Assert.Single(await Store.ListKeysAsync("tpm"));
    }

    [Fact]
    public async Task DeleteKeyAsync_ExistingKey_IsGone()
    {
        await Store.SaveKeyAsync(new StoredKey("k1", "software", MpkiKeyAlgorithm.EcdsaP256, [1], null, [2], TestRecords.Now));

        await Store.DeleteKeyAsync("k1");

        Assert.Null(await Store.GetKeyAsync("k1"));
    }

    [Fact]
    public async Task SaveKeyAsync_NeitherSecretNorReference_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.SaveKeyAsync(new StoredKey("k1", "software", MpkiKeyAlgorithm.EcdsaP256, null, null, [2], TestRecords.Now)));
    }

    [Fact]
    public async Task SaveKeyAsync_PlaintextPkcs8_IsRefused()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var plaintext = new StoredKey("k1", "software", MpkiKeyAlgorithm.EcdsaP256, ecdsa.ExportPkcs8PrivateKey(), null, ecdsa.ExportSubjectPublicKeyInfo(), TestRecords.Now);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveKeyAsync(plaintext));

        Assert.Contains("sealed", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetKeyAsync("k1"));
    }

    [Fact]
    public async Task ListUnreferencedKeysAsync_MixedKeys_ReturnsOnlyOldKeysNothingOwns()
    {
        var old = TestRecords.Now.AddHours(-1);
        StoredKey Key(string id, DateTimeOffset at) => new(id, "software", MpkiKeyAlgorithm.EcdsaP256, [1], null, [2], at);
        foreach (var id in new[] { "orphan", "open", "failed", "certified" })
        {
            await Store.SaveKeyAsync(Key(id, old));
        }

        await Store.SaveKeyAsync(Key("young", TestRecords.Now));
        await PoolOf(Store).AddPooledKeyAsync(Key("pooled", old));
        Assert.True(await Store.TryOpenOrderAsync(TestRecords.Order("a@example.org") with { KeyId = "open" }));
        var failed = TestRecords.Order("b@example.org") with { KeyId = "failed" };
        Assert.True(await Store.TryOpenOrderAsync(failed));
        await Store.UpdateOrderAsync(failed with { State = OrderState.Failed });
        await Store.SaveCertificateAsync(TestRecords.Certificate("c@example.org") with { KeyId = "certified" });

        var unreferenced = await Store.ListUnreferencedKeysAsync(TestRecords.Now.AddMinutes(-10));

        Assert.Equal(["failed", "orphan"], unreferenced.Order(StringComparer.Ordinal));
    }
}
