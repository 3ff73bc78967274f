using System.Runtime.Versioning;
using System.Security.Cryptography;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm;

/// <summary>
/// TPM keys on Windows through CNG's "Microsoft Platform Crypto Provider": keys are generated in the TPM with
/// export forbidden (<see cref="CngExportPolicies.None"/>) and kept as named CNG keys; the key store holds the name.
/// Chips usually offer RSA-2048 and ECDSA P-256 only, and that is all this provider creates.
/// Not exercised by the tests (they run on Linux against swtpm).
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsPlatformKeyProvider : IKeyProvider
{
    /// <summary>The CNG key storage provider backed by the TPM.</summary>
    public const string PlatformCryptoProvider = "Microsoft Platform Crypto Provider";

    private const string ReferencePrefix = "cng:";
    private static readonly MpkiKeyAlgorithm[] Supported = [MpkiKeyAlgorithm.Rsa2048, MpkiKeyAlgorithm.EcdsaP256];
    private readonly IKeyStore _keyStore;
    private readonly TimeProvider _time;

    /// <summary>Creates the provider over a key store.</summary>
    public WindowsPlatformKeyProvider(IKeyStore keyStore, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(keyStore);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _keyStore = keyStore;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public string Kind => TpmKeys.ProviderKind;

    /// <inheritdoc />
    public Task<IReadOnlyList<MpkiKeyAlgorithm>> GetSupportedAlgorithmsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MpkiKeyAlgorithm>>(Supported);

    /// <inheritdoc />
    public async Task<MpkiKey> CreateAsync(MpkiKeyAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        if (!Supported.Contains(algorithm))
        {
            throw new MpkiException(MpkiErrorKind.Configuration, $"The Platform Crypto Provider creates RSA-2048 and ECDSA P-256 keys only, not {algorithm}; no key was created.");
        }

        var keyId = Guid.NewGuid().ToString("N");
        var name = "mpki-" + keyId;
        var parameters = new CngKeyCreationParameters
        {
            Provider = new CngProvider(PlatformCryptoProvider),
            ExportPolicy = CngExportPolicies.None,
            KeyUsage = CngKeyUsages.AllUsages,
        };
        if (algorithm == MpkiKeyAlgorithm.Rsa2048)
        {
            parameters.Parameters.Add(new CngProperty("Length", BitConverter.GetBytes(2048), CngPropertyOptions.None));
        }

        CngKey cngKey;
        try
        {
            cngKey = CngKey.Create(algorithm == MpkiKeyAlgorithm.Rsa2048 ? CngAlgorithm.Rsa : CngAlgorithm.ECDsaP256, name, parameters);
        }
        catch (CryptographicException ex)
        {
            throw new MpkiException(MpkiErrorKind.Configuration, $"The TPM (Platform Crypto Provider) could not create a key: {ex.Message}; no key was created.", ex);
        }

        var key = Wrap(cngKey, algorithm);
        try
        {
            await _keyStore.SaveKeyAsync(
                new StoredKey(keyId, Kind, algorithm, null, ReferencePrefix + name, key.ExportSubjectPublicKeyInfo(), _time.GetUtcNow()),
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            key.Dispose();
            using var doomed = CngKey.Open(name, new CngProvider(PlatformCryptoProvider));
            doomed.Delete();
            throw;
        }

        return new MpkiKey(keyId, Kind, algorithm, key);
    }

    /// <inheritdoc />
    public async Task<MpkiKey> OpenAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(keyId, cancellationToken).ConfigureAwait(false);
        var key = Wrap(OpenCngKey(record), record.Algorithm);
        return new MpkiKey(record.Id, Kind, record.Algorithm, key);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(keyId, cancellationToken).ConfigureAwait(false);
        using (var cngKey = OpenCngKey(record))
        {
            cngKey.Delete();
        }

        await _keyStore.DeleteKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
    }

    private static AsymmetricAlgorithm Wrap(CngKey key, MpkiKeyAlgorithm algorithm) =>
        algorithm == MpkiKeyAlgorithm.Rsa2048 ? new RSACng(key) : new ECDsaCng(key);

    private static CngKey OpenCngKey(StoredKey record)
    {
        var name = record.ExternalReference is { } reference && reference.StartsWith(ReferencePrefix, StringComparison.Ordinal)
            ? reference[ReferencePrefix.Length..]
            : throw new MpkiException(MpkiErrorKind.Configuration, $"The TPM key '{record.Id}' has no CNG key name in the key store.");
        try
        {
            return CngKey.Open(name, new CngProvider(PlatformCryptoProvider));
        }
        catch (CryptographicException ex)
        {
            throw new MpkiException(MpkiErrorKind.NotFound, $"The TPM key '{record.Id}' is no longer in the Platform Crypto Provider.", ex);
        }
    }

    private async Task<StoredKey> GetRecordAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        var record = await _keyStore.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        return record is not null && record.ProviderKind == Kind
            ? record
            : throw new MpkiException(MpkiErrorKind.NotFound, $"No TPM key '{keyId}' is recorded in the key store.");
    }
}
