using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MpkiConnector.Storage;

namespace MpkiConnector;

/// <summary>
/// Software keys through .NET's own cryptography (OpenSSL underneath): RSA-2048/3072/4096 and ECDSA P-256/P-384/P-521.
/// Private keys reach the <see cref="IKeyStore"/> only as PKCS#8 sealed with AES-256-GCM under the key-encryption key
/// (<see cref="MpkiKeyOptions"/>); the plaintext is zeroed after use.
/// </summary>
public sealed class SoftwareKeyProvider : IKeyProvider
{
    /// <summary>The provider kind stored with each key.</summary>
    public const string ProviderKind = "software";

    private static readonly IReadOnlyList<MpkiKeyAlgorithm> Supported =
    [
        MpkiKeyAlgorithm.Rsa2048, MpkiKeyAlgorithm.Rsa3072, MpkiKeyAlgorithm.Rsa4096,
        MpkiKeyAlgorithm.EcdsaP256, MpkiKeyAlgorithm.EcdsaP384, MpkiKeyAlgorithm.EcdsaP521,
    ];

    private readonly IKeyStore _store;
    private readonly TimeProvider _time;
    private readonly MpkiKeyOptions _options;
    private byte[]? _kek;

    /// <summary>
    /// Creates the provider over a key store. Without a configured KEK the provider is still made (a TPM-only host needs
    /// none); making or opening a software key then fails with the reason.
    /// </summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when the configured KEK is unusable.</exception>
    public SoftwareKeyProvider(IKeyStore store, IOptions<MpkiKeyOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _store = store;
        _time = time;
        if (KeyEncryptionKey.IsConfigured(_options))
        {
            _kek = Kek();
        }
    }

    /// <inheritdoc />
    public string Kind => ProviderKind;

    /// <inheritdoc />
    public Task<IReadOnlyList<MpkiKeyAlgorithm>> GetSupportedAlgorithmsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Supported);

    /// <inheritdoc />
    public async Task<MpkiKey> CreateAsync(MpkiKeyAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        if (!Supported.Contains(algorithm))
        {
            throw new MpkiException(MpkiErrorKind.Configuration, $"The software key provider cannot create {algorithm} keys.");
        }

        _ = Kek(); // no key is generated for nothing when there is no KEK to seal it with

        // RSA-3072/4096 generation takes up to seconds: keep it off the caller's thread.
        var key = await Task.Run(() => Generate(algorithm), cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = Seal(key, algorithm);
            await _store.SaveKeyAsync(stored, cancellationToken).ConfigureAwait(false);
            return new MpkiKey(stored.Id, ProviderKind, algorithm, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<MpkiKey> OpenAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        var stored = await _store.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false)
            ?? throw new MpkiException(MpkiErrorKind.NotFound, $"The key '{keyId}' does not exist.");
        if (!string.Equals(stored.ProviderKind, ProviderKind, StringComparison.Ordinal) || stored.EncryptedPkcs8 is null)
        {
            throw new MpkiException(MpkiErrorKind.Configuration, $"The key '{keyId}' belongs to the '{stored.ProviderKind}' key provider, not to the software key provider.");
        }

        return Open(stored);
    }

    /// <summary>A new key, sealed, not stored (the key pool stores it).</summary>
    internal async Task<StoredKey> CreateSealedAsync(MpkiKeyAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        using var key = await Task.Run(() => Generate(algorithm), cancellationToken).ConfigureAwait(false);
        return Seal(key, algorithm);
    }

    /// <summary>Unseals a stored software key.</summary>
    internal MpkiKey Open(StoredKey stored)
    {
        var keyId = stored.Id;
        var pkcs8 = KeySealer.Open(Kek(), keyId, stored.EncryptedPkcs8!);
        AsymmetricAlgorithm key = IsRsa(stored.Algorithm) ? RSA.Create() : ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw new MpkiException(MpkiErrorKind.Configuration, $"The stored key '{keyId}' is damaged (not a {stored.Algorithm} key).");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return new MpkiKey(keyId, ProviderKind, stored.Algorithm, key);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        return _store.DeleteKeyAsync(keyId, cancellationToken);
    }

    private StoredKey Seal(AsymmetricAlgorithm key, MpkiKeyAlgorithm algorithm)
    {
        var keyId = "sw-" + Guid.NewGuid().ToString("N");
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return new StoredKey(keyId, ProviderKind, algorithm, KeySealer.Seal(Kek(), keyId, pkcs8), null, key.ExportSubjectPublicKeyInfo(), _time.GetUtcNow());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Whether a KEK is configured: without one no software key can be made (the key pool stays off).</summary>
    internal bool CanSeal => _kek is not null || KeyEncryptionKey.IsConfigured(_options);

    /// <summary>The KEK, resolved on first use: its absence is an error only for a software key operation.</summary>
    private byte[] Kek()
    {
        if (_kek is { } kek)
        {
            return kek;
        }

        if (!KeyEncryptionKey.TryResolve(_options, out var resolved, out var error))
        {
            throw new MpkiException(MpkiErrorKind.Configuration, error);
        }

        return _kek = resolved;
    }

    private static bool IsRsa(MpkiKeyAlgorithm algorithm) =>
        algorithm is MpkiKeyAlgorithm.Rsa2048 or MpkiKeyAlgorithm.Rsa3072 or MpkiKeyAlgorithm.Rsa4096;

    private static AsymmetricAlgorithm Generate(MpkiKeyAlgorithm algorithm) => algorithm switch
    {
        MpkiKeyAlgorithm.Rsa2048 => RSA.Create(2048),
        MpkiKeyAlgorithm.Rsa3072 => RSA.Create(3072),
        MpkiKeyAlgorithm.Rsa4096 => RSA.Create(4096),
        MpkiKeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        MpkiKeyAlgorithm.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        MpkiKeyAlgorithm.EcdsaP521 => ECDsa.Create(ECCurve.NamedCurves.nistP521),
        _ => throw new MpkiException(MpkiErrorKind.Configuration, $"The software key provider cannot create {algorithm} keys."),
    };
}
