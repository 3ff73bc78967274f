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
}
