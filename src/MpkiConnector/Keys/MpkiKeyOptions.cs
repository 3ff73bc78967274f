namespace MpkiConnector;

/// <summary>
/// Settings of the software key provider. The key-encryption key (KEK) seals every software private key with
/// AES-256-GCM; it is 32 random bytes, base64 (make one with <see cref="KeyEncryptionKey.Generate"/>).
/// </summary>
public sealed class MpkiKeyOptions
{
    /// <summary>The default name of the environment variable holding the KEK.</summary>
    public const string DefaultVariable = "MPKI_KEK";

    /// <summary>The KEK, base64 of 32 bytes. When unset, the KEK is read from <see cref="KeyEncryptionKeyVariable"/>.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>The environment variable that holds the KEK when <see cref="KeyEncryptionKey"/> is unset (default <c>MPKI_KEK</c>).</summary>
    public string KeyEncryptionKeyVariable { get; set; } = DefaultVariable;
}
