namespace MpkiConnector;

/// <summary>
/// Creates and opens private keys. Keys never leave their provider: software keys are stored only encrypted,
/// hardware keys are references into the device. <see cref="MpkiKey"/> hands out an algorithm object to sign with.
/// </summary>
public interface IKeyProvider
{
    /// <summary>The provider's kind, stored with each key (<c>software</c>, <c>tpm</c>...).</summary>
    string Kind { get; }

    /// <summary>The algorithms this provider (or its device) can create.</summary>
    Task<IReadOnlyList<MpkiKeyAlgorithm>> GetSupportedAlgorithmsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates and persists a new key. An unsupported algorithm is an <see cref="MpkiException"/> of kind <see cref="MpkiErrorKind.Configuration"/>; there is no fallback.</summary>
    Task<MpkiKey> CreateAsync(MpkiKeyAlgorithm algorithm, CancellationToken cancellationToken = default);

    /// <summary>Opens a key created earlier by its <see cref="MpkiKey.KeyId"/>.</summary>
    Task<MpkiKey> OpenAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key for good (for a key that was never used in a certificate).</summary>
    Task DeleteAsync(string keyId, CancellationToken cancellationToken = default);
}

/// <summary>Key algorithms.</summary>
public enum MpkiKeyAlgorithm
{
    /// <summary>RSA, 2048 bits.</summary>
    Rsa2048 = 0,

    /// <summary>RSA, 3072 bits.</summary>
    Rsa3072,

    /// <summary>RSA, 4096 bits.</summary>
    Rsa4096,

    /// <summary>ECDSA on NIST P-256.</summary>
    EcdsaP256,

    /// <summary>ECDSA on NIST P-384.</summary>
    EcdsaP384,

    /// <summary>ECDSA on NIST P-521.</summary>
    EcdsaP521,
}
