using System.Collections.Concurrent;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm;

/// <summary>
/// Keys generated inside a TPM 2.0 on Linux: created with tpm2-tools under the owner hierarchy, made persistent at a
/// free handle of <see cref="TpmOptions.PersistentHandleFirst"/>..<see cref="TpmOptions.PersistentHandleLast"/>, and
/// opened in-process through OpenSSL's tpm2 provider. The private key never leaves the TPM: export attempts fail.
/// The key record (the handle and the public key) is kept in the <see cref="IKeyStore"/>. An algorithm that is not
/// allowed or that the TPM lacks is an <see cref="MpkiException"/> of kind <see cref="MpkiErrorKind.Configuration"/>
/// and no key is created: there is never a fallback to a software key.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class TpmKeyProvider : IKeyProvider
{
    /// <summary>The <see cref="IKeyProvider.Kind"/> of TPM keys.</summary>
    public const string ProviderKind = TpmKeys.ProviderKind;

    // Without a resource manager two tool sequences on one TPM would flush each other's objects.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly TpmOptions _options;
    private readonly IKeyStore _keyStore;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TpmDevice _device;
    private IReadOnlyList<MpkiKeyAlgorithm>? _supported;

    /// <summary>Creates the provider for the TPM named by <see cref="TpmOptions.Tcti"/>.</summary>
    public TpmKeyProvider(IOptions<TpmOptions> options, IKeyStore keyStore, TimeProvider timeProvider, ILogger<TpmKeyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyStore);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        var validation = new TpmOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new MpkiException(MpkiErrorKind.Configuration, validation.FailureMessage);
        }

        _keyStore = keyStore;
        _time = timeProvider;
        _logger = logger;
        _device = new TpmDevice(new TpmToolRunner(_options, logger), _options);
    }

    /// <inheritdoc />
    public string Kind => ProviderKind;

    /// <summary>The TPM this provider talks to.</summary>
    public string Tcti => _options.Tcti;

    /// <summary>The allowed algorithms (<see cref="TpmOptions.AllowedAlgorithms"/>) that the TPM says it supports.</summary>
    public async Task<IReadOnlyList<MpkiKeyAlgorithm>> GetSupportedAlgorithmsAsync(CancellationToken cancellationToken = default)
    {
        if (_supported is { } known)
        {
            return known;
        }

        var gate = GateFor(_options.Tcti);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _supported ??= await _device.ProbeAsync(_options.EffectiveAlgorithms, cancellationToken).ConfigureAwait(false);
            return _supported;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<MpkiKey> CreateAsync(MpkiKeyAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        var name = TpmAlgorithms.DisplayName(algorithm);
        if (!_options.EffectiveAlgorithms.Contains(algorithm))
        {
            throw new MpkiException(
                MpkiErrorKind.Configuration,
                $"{name} is not allowed for TPM keys (Tpm:AllowedAlgorithms: {string.Join(", ", _options.EffectiveAlgorithms.Select(TpmAlgorithms.DisplayName))}); no key was created.");
        }

        var supported = await GetSupportedAlgorithmsAsync(cancellationToken).ConfigureAwait(false);
        if (!supported.Contains(algorithm))
        {
            var offered = supported.Count == 0 ? "none of the allowed ones" : string.Join(", ", supported.Select(TpmAlgorithms.DisplayName));
            throw new MpkiException(
                MpkiErrorKind.Configuration,
                $"The TPM (TCTI '{_options.Tcti}') does not support {name}; no key was created. It supports: {offered}.");
        }

        var gate = GateFor(_options.Tcti);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        uint handle;
        try
        {
            handle = await CreatePersistentKeyAsync(algorithm, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        var keyId = Guid.NewGuid().ToString("N");
        AsymmetricAlgorithm? key = null;
        try
        {
            key = TpmOpenSsl.Open(_options.Tcti, handle, algorithm);
            var record = new StoredKey(keyId, ProviderKind, algorithm, null, TpmDevice.FormatHandle(handle), key.ExportSubjectPublicKeyInfo(), _time.GetUtcNow());
            await _keyStore.SaveKeyAsync(record, cancellationToken).ConfigureAwait(false);
            LogCreated(_logger, keyId, name, TpmDevice.FormatHandle(handle));
            return new MpkiKey(keyId, ProviderKind, algorithm, key);
        }
        catch
        {
            key?.Dispose();
            await EvictQuietlyAsync(handle).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<MpkiKey> OpenAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(keyId, cancellationToken).ConfigureAwait(false);
        var handle = ParseHandle(record);
        var key = TpmOpenSsl.Open(_options.Tcti, handle, record.Algorithm);
        if (!key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(record.PublicKeyInfo))
        {
            key.Dispose();
            throw new MpkiException(
                MpkiErrorKind.NotFound,
                $"The TPM key at handle {record.ExternalReference} is not the key '{keyId}' was made with (another TPM, a cleared TPM, or a reused handle; TCTI '{_options.Tcti}').");
        }

        return new MpkiKey(record.Id, ProviderKind, record.Algorithm, key);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var record = await GetRecordAsync(keyId, cancellationToken).ConfigureAwait(false);
        var handle = ParseHandle(record);
        var gate = GateFor(_options.Tcti);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Only evict what is still our key: a cleared TPM may have given the handle to someone else.
            if (await HoldsKeyAsync(handle, record).ConfigureAwait(false))
            {
                await _device.EvictAsync(handle, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }

        await _keyStore.DeleteKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        LogDeleted(_logger, keyId, record.ExternalReference ?? "?");
    }

    private async Task<uint> CreatePersistentKeyAsync(MpkiKeyAlgorithm algorithm, CancellationToken cancellationToken)
    {
        // Another process may take the same free handle between our look and our evictcontrol: look again and retry.
        for (var attempt = 1; ; attempt++)
        {
            var used = await _device.ListPersistentHandlesAsync(cancellationToken).ConfigureAwait(false);
            var handle = FirstFree(used);
            try
            {
                await _device.CreatePersistentKeyAsync(algorithm, handle, cancellationToken).ConfigureAwait(false);
                return handle;
            }
            catch (MpkiException) when (attempt < 3)
            {
                var now = await _device.ListPersistentHandlesAsync(cancellationToken).ConfigureAwait(false);
                if (!now.Contains(handle))
                {
                    throw;
                }

                LogHandleTaken(_logger, TpmDevice.FormatHandle(handle));
            }
        }
    }

    private uint FirstFree(IReadOnlyList<uint> used)
    {
        for (var handle = _options.PersistentHandleFirst; handle <= _options.PersistentHandleLast && handle >= _options.PersistentHandleFirst; handle++)
        {
            if (!used.Contains(handle))
            {
                return handle;
            }
        }

        throw new MpkiException(
            MpkiErrorKind.LimitReached,
            $"Every persistent handle from {TpmDevice.FormatHandle(_options.PersistentHandleFirst)} to {TpmDevice.FormatHandle(_options.PersistentHandleLast)} is in use; no key was created.")
        {
            Remediation = "Remove keys no longer needed (mpki tpm remove) or widen Tpm:PersistentHandleFirst/Last.",
        };
    }

    private async Task<bool> HoldsKeyAsync(uint handle, StoredKey record)
    {
        var handles = await _device.ListPersistentHandlesAsync(CancellationToken.None).ConfigureAwait(false);
        if (!handles.Contains(handle))
        {
            return false;
        }

        try
        {
            using var key = TpmOpenSsl.Open(_options.Tcti, handle, record.Algorithm);
            return key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(record.PublicKeyInfo);
        }
        catch (Exception ex) when (ex is MpkiException or CryptographicException)
        {
            return false;
        }
    }

    private async Task EvictQuietlyAsync(uint handle)
    {
        try
        {
            await _device.EvictAsync(handle, CancellationToken.None).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            LogEvictFailed(_logger, TpmDevice.FormatHandle(handle), ex.Message);
        }
    }

    private async Task<StoredKey> GetRecordAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        var record = await _keyStore.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (record is null || !string.Equals(record.ProviderKind, ProviderKind, StringComparison.Ordinal))
        {
            throw new MpkiException(MpkiErrorKind.NotFound, $"No TPM key '{keyId}' is recorded in the key store.");
        }

        return record;
    }

    private static uint ParseHandle(StoredKey record) =>
        TpmDevice.TryParseHandle(record.ExternalReference, out var handle)
            ? handle
            : throw new MpkiException(MpkiErrorKind.Configuration, $"The TPM key '{record.Id}' has no valid persistent handle in the key store.");

    private static SemaphoreSlim GateFor(string tcti) => Gates.GetOrAdd(tcti, _ => new SemaphoreSlim(1, 1));

    [LoggerMessage(Level = LogLevel.Information, Message = "Created TPM key {KeyId} ({Algorithm}) at persistent handle {Handle}")]
    private static partial void LogCreated(ILogger logger, string keyId, string algorithm, string handle);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted TPM key {KeyId} (persistent handle {Handle})")]
    private static partial void LogDeleted(ILogger logger, string keyId, string handle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Persistent handle {Handle} was taken meanwhile; trying the next free one")]
    private static partial void LogHandleTaken(ILogger logger, string handle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not evict persistent handle {Handle} after a failed key creation: {Error}")]
    private static partial void LogEvictFailed(ILogger logger, string handle, string error);
}
