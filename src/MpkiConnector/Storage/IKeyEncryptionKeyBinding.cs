namespace MpkiConnector.Storage;

/// <summary>
/// Binds a store to the key-encryption key (KEK) its software keys are sealed with: the store records a check value
/// (a MAC of a constant under a key derived from the KEK, never the KEK), and re-seals every key at once when the KEK
/// is rotated. Every store that keeps software keys should implement it.
/// </summary>
public interface IKeyEncryptionKeyBinding
{
    /// <summary>The recorded check value, or <see langword="null"/> when none is recorded yet.</summary>
    Task<KeyEncryptionKeyCheck?> GetKeyCheckAsync(CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="check"/> when no check value is recorded yet; returns the one recorded (the existing one, or this).</summary>
    Task<KeyEncryptionKeyCheck> EnsureKeyCheckAsync(KeyEncryptionKeyCheck check, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: replaces the sealed PKCS#8 of every software key by <paramref name="resealed"/> and the check
    /// value by <paramref name="newCheck"/>. Fails (nothing written) unless the recorded check value is still
    /// <paramref name="expectedCheckValue"/> and <paramref name="resealed"/> covers exactly the store's sealed keys.
    /// </summary>
    Task ResealKeysAsync(IReadOnlyDictionary<string, byte[]> resealed, KeyEncryptionKeyCheck newCheck, string expectedCheckValue, CancellationToken cancellationToken = default);
}
