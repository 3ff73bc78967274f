using System.Security.Cryptography;

namespace MpkiConnector;

/// <summary>An open private key: sign with <see cref="Rsa"/> or <see cref="Ecdsa"/>; dispose when done.</summary>
public sealed class MpkiKey : IDisposable
{
    /// <summary>Wraps an open key.</summary>
    public MpkiKey(string keyId, string providerKind, MpkiKeyAlgorithm algorithm, AsymmetricAlgorithm key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerKind);
        ArgumentNullException.ThrowIfNull(key);
        if (key is not RSA and not ECDsa)
        {
            throw new ArgumentException("Only RSA and ECDSA keys are supported.", nameof(key));
        }

        KeyId = keyId;
        ProviderKind = providerKind;
        Algorithm = algorithm;
        Key = key;
    }

    /// <summary>The durable id to open this key again (<see cref="IKeyProvider.OpenAsync"/>).</summary>
    public string KeyId { get; }

    /// <summary>The kind of provider that holds the key.</summary>
    public string ProviderKind { get; }

    /// <summary>The key's algorithm.</summary>
    public MpkiKeyAlgorithm Algorithm { get; }

    /// <summary>The key as an algorithm object.</summary>
    public AsymmetricAlgorithm Key { get; }

    /// <summary>The key as RSA, or <see langword="null"/>.</summary>
    public RSA? Rsa => Key as RSA;

    /// <summary>The key as ECDSA, or <see langword="null"/>.</summary>
    public ECDsa? Ecdsa => Key as ECDsa;

    /// <summary>The SubjectPublicKeyInfo, DER: compare it with a certificate's.</summary>
    public byte[] ExportSubjectPublicKeyInfo() => Key.ExportSubjectPublicKeyInfo();

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();
}
