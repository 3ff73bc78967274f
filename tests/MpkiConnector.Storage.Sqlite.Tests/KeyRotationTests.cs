using System.Security.Cryptography;

namespace MpkiConnector.Storage.Sqlite.Tests;

public sealed class KeyRotationTests : StoreTestBase
{
    [Fact]
    public async Task ResealKeysAsync_FreePooledKeyPresent_DropsItAndReseals()
    {
        await Store.EnsureKeyCheckAsync(new KeyEncryptionKeyCheck("old", "file:/old", TestRecords.Now));
        await Store.SaveKeyAsync(new StoredKey("used", "software", MpkiKeyAlgorithm.EcdsaP256, RandomNumberGenerator.GetBytes(100), null, RandomNumberGenerator.GetBytes(91), TestRecords.Now));
        await Store.AddPooledKeyAsync(new StoredKey("pooled", "software", MpkiKeyAlgorithm.Rsa3072, RandomNumberGenerator.GetBytes(100), null, RandomNumberGenerator.GetBytes(91), TestRecords.Now));
        var resealed = new Dictionary<string, byte[]> { ["used"] = RandomNumberGenerator.GetBytes(100) };

        await Store.ResealKeysAsync(resealed, new KeyEncryptionKeyCheck("new", "file:/new", TestRecords.Now), "old");

        Assert.Equal(resealed["used"], (await Store.GetKeyAsync("used"))!.EncryptedPkcs8);
        Assert.Null(await Store.GetKeyAsync("pooled"));
        Assert.Equal(0, await Store.CountPooledKeysAsync("software", MpkiKeyAlgorithm.Rsa3072));
        Assert.Equal("new", (await Store.GetKeyCheckAsync())!.CheckValue);
    }
}
