using Microsoft.Extensions.Options;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Cli.Tests;

/// <summary>Software keys sealed in a store under a given key-encryption key, and a check of which key opens them.</summary>
internal static class SealedKeys
{
    public static async Task<IReadOnlyList<string>> CreateAsync(string databasePath, string kekBase64, int count)
    {
        using var store = await SqliteMpkiStore.OpenAsync(databasePath);
        var keys = new SoftwareKeyProvider(store, Options.Create(new MpkiKeyOptions { KeyEncryptionKey = kekBase64 }), TimeProvider.System);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var key = await keys.CreateAsync(MpkiKeyAlgorithm.EcdsaP256);
            ids.Add(key.KeyId);
        }

        return ids;
    }

    /// <summary>How many of the store's software keys open with <paramref name="kekBase64"/>.</summary>
    public static async Task<int> CountOpeningAsync(string databasePath, string kekBase64)
    {
        using var store = await SqliteMpkiStore.OpenAsync(databasePath);
        var kek = Convert.FromBase64String(kekBase64.Trim());
        var stored = await store.ListKeysAsync(SoftwareKeyProvider.ProviderKind);
        return stored.Count(k => KeyEncryptionKey.Opens(kek, k.Id, k.EncryptedPkcs8));
    }

    /// <summary>Whether the store's recorded check value is that of <paramref name="kekBase64"/>.</summary>
    public static async Task<bool> IsBoundToAsync(string databasePath, string kekBase64)
    {
        using var store = await SqliteMpkiStore.OpenAsync(databasePath);
        var check = await store.GetKeyCheckAsync();
        return check is not null && check.CheckValue == KeyEncryptionKey.ComputeCheckValue(Convert.FromBase64String(kekBase64.Trim()));
    }
}
