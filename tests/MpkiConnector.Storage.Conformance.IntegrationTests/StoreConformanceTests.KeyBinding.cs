using System.Security.Cryptography;

namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>IKeyEncryptionKeyBinding: the check value of the KEK, and re-sealing every key at once.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task EnsureKeyCheckAsync_SecondCheck_KeepsTheFirst()
    {
        Assert.Null(await Store.GetKeyCheckAsync());
        var first = new KeyEncryptionKeyCheck("check-one", "file:/a/kek.b64", TestRecords.Now);

        var recorded = await Store.EnsureKeyCheckAsync(first);
        var again = await (await OpenAsync()).EnsureKeyCheckAsync(first with { CheckValue = "check-two", Source = "env:OTHER" });

        Assert.Equal("check-one", recorded.CheckValue);
        Assert.Equal("check-one", again.CheckValue);
        Assert.Equal("file:/a/kek.b64", again.Source);
        Assert.Equal(TestRecords.Now, again.RecordedAt);
    }

    [Fact]
    public async Task ResealKeysAsync_AllSealedKeys_ReplacesKeysAndCheckTogether()
    {
        await Store.EnsureKeyCheckAsync(new KeyEncryptionKeyCheck("old", "file:/old", TestRecords.Now));
        await Store.SaveKeyAsync(new StoredKey("s1", "software", MpkiKeyAlgorithm.EcdsaP256, RandomNumberGenerator.GetBytes(100), null, RandomNumberGenerator.GetBytes(91), TestRecords.Now));
        await Store.SaveKeyAsync(new StoredKey("t1", "tpm", MpkiKeyAlgorithm.Rsa2048, null, "0x81010002", RandomNumberGenerator.GetBytes(294), TestRecords.Now));
        var resealed = new Dictionary<string, byte[]> { ["s1"] = RandomNumberGenerator.GetBytes(100) };

        await Store.ResealKeysAsync(resealed, new KeyEncryptionKeyCheck("new", "file:/new", TestRecords.Now.AddHours(1)), "old");

        Assert.Equal(resealed["s1"], (await Store.GetKeyAsync("s1"))!.EncryptedPkcs8);
        Assert.Equal("0x81010002", (await Store.GetKeyAsync("t1"))!.ExternalReference);
        var check = await Store.GetKeyCheckAsync();
        Assert.Equal("new", check!.CheckValue);
        Assert.Equal("file:/new", check.Source);
    }

    [Fact]
    public async Task ResealKeysAsync_CheckValueMovedOrKeySetDiffers_ChangesNothing()
    {
        await Store.EnsureKeyCheckAsync(new KeyEncryptionKeyCheck("old", "file:/old", TestRecords.Now));
        var original = RandomNumberGenerator.GetBytes(100);
        await Store.SaveKeyAsync(new StoredKey("s1", "software", MpkiKeyAlgorithm.EcdsaP256, original, null, RandomNumberGenerator.GetBytes(91), TestRecords.Now));
        var newCheck = new KeyEncryptionKeyCheck("new", "file:/new", TestRecords.Now);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.ResealKeysAsync(new Dictionary<string, byte[]> { ["s1"] = RandomNumberGenerator.GetBytes(100) }, newCheck, "not-the-recorded-one"));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.ResealKeysAsync(new Dictionary<string, byte[]> { ["other"] = RandomNumberGenerator.GetBytes(100) }, newCheck, "old"));

        Assert.Equal(original, (await Store.GetKeyAsync("s1"))!.EncryptedPkcs8);
        Assert.Equal("old", (await Store.GetKeyCheckAsync())!.CheckValue);
    }
}
