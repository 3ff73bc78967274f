namespace MpkiConnector.Storage;

/// <summary>Where key providers keep their keys (encrypted) or key references.</summary>
public interface IKeyStore
{
    /// <summary>Saves a new key; the id must be new.</summary>
    Task SaveKeyAsync(StoredKey key, CancellationToken cancellationToken = default);

    /// <summary>Finds a key by id.</summary>
    Task<StoredKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Lists the keys of one provider kind.</summary>
    Task<IReadOnlyList<StoredKey>> ListKeysAsync(string providerKind, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key record.</summary>
    Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of keys created before <paramref name="createdBefore"/> that nothing owns: no certificate and no order that
    /// still needs its key (open or issued) references them, and they are not free in the key pool. What a process killed
    /// between saving a key and journaling its order leaves behind.
    /// </summary>
    Task<IReadOnlyList<string>> ListUnreferencedKeysAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default);
}
