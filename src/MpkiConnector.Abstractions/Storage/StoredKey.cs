namespace MpkiConnector.Storage;

/// <summary>A key as the store keeps it: software keys as encrypted PKCS#8, hardware keys as a reference.</summary>
/// <param name="Id">The key id (<see cref="MpkiKey.KeyId"/>).</param>
/// <param name="ProviderKind">The <see cref="IKeyProvider.Kind"/> that made it.</param>
/// <param name="Algorithm">The key algorithm.</param>
/// <param name="EncryptedPkcs8">For software keys: PKCS#8 sealed with AES-256-GCM; never plaintext.</param>
/// <param name="ExternalReference">For hardware keys: where the key lives (for a TPM the persistent handle).</param>
/// <param name="PublicKeyInfo">The SubjectPublicKeyInfo, DER.</param>
/// <param name="CreatedAt">When the key was made.</param>
public sealed record StoredKey(
    string Id,
    string ProviderKind,
    MpkiKeyAlgorithm Algorithm,
    byte[]? EncryptedPkcs8,
    string? ExternalReference,
    byte[] PublicKeyInfo,
    DateTimeOffset CreatedAt);
