using System.Collections.Concurrent;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm.Tests;

/// <summary>An in-memory key store, a stand-in until the SQLite store is on main.</summary>
internal sealed class KeyStoreFake : IKeyStore
{
    private readonly ConcurrentDictionary<string, StoredKey> _keys = new();

    public Task SaveKeyAsync(StoredKey key, CancellationToken cancellationToken = default) =>
        _keys.TryAdd(key.Id, key) ? Task.CompletedTask : throw new InvalidOperationException("duplicate key id");

    public Task<StoredKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_keys.TryGetValue(keyId, out var key) ? key : null);

    public Task<IReadOnlyList<StoredKey>> ListKeysAsync(string providerKind, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredKey>>(_keys.Values.Where(k => k.ProviderKind == providerKind).ToArray());

    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        _keys.TryRemove(keyId, out _);
        return Task.CompletedTask;
    }
}
