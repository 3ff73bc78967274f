using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm;

/// <summary>
/// The TPM enrollment flow, as a desktop enrollment client does it: a key generated in the TPM, a CSR signed inside it,
/// enrollment through any configured <see cref="IMpkiProvider"/>, collect until issued (bounded by
/// <see cref="TpmOptions.CollectTimeout"/>), validation of the answer (public key, subject, key usage, validity, chain), and
/// installation beside the key reference: the certificate store (<see cref="ICertificateStore.SaveCertificateAsync"/>,
/// with the key id) and, when <see cref="TpmOptions.InstallDirectory"/> is set, a folder with the chain and root.
/// Whatever fails after the key was made, the key is removed from the TPM again.
/// </summary>
public sealed partial class TpmEnrollmentService
{
    private readonly IKeyProvider _keys;
    private readonly IMpkiProviderCatalog _providers;
    private readonly IKeyStore _keyStore;
    private readonly ICertificateStore _certificates;
    private readonly TpmOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TpmCertificateInstaller _installer;
    private readonly CertificateValidator _validator;

    /// <summary>Creates the service.</summary>
    /// <param name="tpmKeys">The TPM key provider (<see cref="TpmKeyProvider"/> or <see cref="WindowsPlatformKeyProvider"/>).</param>
    /// <param name="providers">The configured provider accounts.</param>
    /// <param name="keyStore">Where key records are kept (to list keys and their references).</param>
    /// <param name="certificates">Where installed certificates are kept.</param>
    /// <param name="options">TPM options (install folder, collect bounds).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public TpmEnrollmentService(
        IKeyProvider tpmKeys,
        IMpkiProviderCatalog providers,
        IKeyStore keyStore,
        ICertificateStore certificates,
        IOptions<TpmOptions> options,
        TimeProvider timeProvider,
        ILogger<TpmEnrollmentService> logger)
    {
        ArgumentNullException.ThrowIfNull(tpmKeys);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(keyStore);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (tpmKeys.Kind != TpmKeys.ProviderKind)
        {
            throw new ArgumentException($"The key provider must be a TPM key provider (kind '{TpmKeys.ProviderKind}'), not '{tpmKeys.Kind}'.", nameof(tpmKeys));
        }

        _keys = tpmKeys;
        _providers = providers;
        _keyStore = keyStore;
        _certificates = certificates;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        _installer = new TpmCertificateInstaller(_options);
        _validator = new CertificateValidator(timeProvider);
    }

    /// <summary>Enrolls one certificate for a new TPM key and installs it.</summary>
    /// <exception cref="MpkiException">The algorithm is not supported (no key is made), the CA refused or did not issue in
    /// time, or its answer failed validation; the new key is removed from the TPM in every such case.</exception>
    public async Task<TpmCertificate> EnrollAsync(TpmEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject);
        var address = request.Kind == MpkiCertificateKind.Device
            ? DeviceName.Normalize(request.Subject)
            : EmailAddress.Normalize(request.Subject);
        var provider = _providers.Get(request.ProviderName);

        using var key = await _keys.CreateAsync(request.Algorithm, cancellationToken).ConfigureAwait(false);
        try
        {
            var csr = CsrBuilder.Create(key, request.Kind, address, request.DisplayName);
            var enrollment = new MpkiEnrollmentRequest(Guid.NewGuid().ToString("N"), csr, request.Kind, address)
            {
                DisplayName = request.DisplayName,
                CertificateType = request.CertificateType,
                TermDays = request.TermDays,
            };
            var order = await provider.SubmitAsync(enrollment, cancellationToken).ConfigureAwait(false);
            LogSubmitted(_logger, address, provider.Name, order.OrderId, key.KeyId);
            var issued = await CollectAsync(provider, order, cancellationToken).ConfigureAwait(false);
            var certificate = _validator.Validate(issued, key.ExportSubjectPublicKeyInfo(), request.Kind, address);
            CheckChain(certificate.CertificateDer, certificate.ChainDer);

            var record = new CertificateRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                Address = address,
                Kind = request.Kind,
                SerialNumber = certificate.SerialNumber,
                Issuer = certificate.Issuer,
                Subject = certificate.Subject,
                Thumbprint = certificate.Thumbprint,
                NotBefore = certificate.NotBefore,
                NotAfter = certificate.NotAfter,
                Der = certificate.CertificateDer,
                Chain = certificate.ChainDer,
                Status = CertificateStatus.Active,
                KeyId = key.KeyId,
                ProviderName = provider.Name,
                ProviderOrderId = order.OrderId,
                CreatedAt = _time.GetUtcNow(),
            };
            await _certificates.SaveCertificateAsync(record, cancellationToken).ConfigureAwait(false);
            var keyRecord = await _keyStore.GetKeyAsync(key.KeyId, cancellationToken).ConfigureAwait(false)
                ?? throw new MpkiException(MpkiErrorKind.NotFound, $"The TPM key '{key.KeyId}' vanished from the key store during enrollment.");
            var folder = _installer.Install(record, keyRecord);
            LogInstalled(_logger, record.Address, record.SerialNumber, keyRecord.ExternalReference ?? "?", folder ?? "(store only)");
            return ToTpmCertificate(record, keyRecord, folder);
        }
        catch
        {
            await DeleteKeyQuietlyAsync(key.KeyId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The installed certificates whose TPM key is still recorded, by address then newest first.</summary>
    public async Task<IReadOnlyList<TpmCertificate>> ListAsync(CancellationToken cancellationToken = default)
    {
        var keys = (await _keyStore.ListKeysAsync(TpmKeys.ProviderKind, cancellationToken).ConfigureAwait(false))
            .ToDictionary(k => k.Id, StringComparer.Ordinal);
        var certificates = await _certificates.ListCertificatesAsync(new CertificateQuery(), cancellationToken).ConfigureAwait(false);
        var list = new List<TpmCertificate>();
        foreach (var certificate in certificates)
        {
            if (keys.TryGetValue(certificate.KeyId, out var key))
            {
                var folder = _installer.FolderFor(certificate.Address, certificate.SerialNumber);
                list.Add(ToTpmCertificate(certificate, key, folder is not null && Directory.Exists(folder) ? folder : null));
            }
        }

        return list;
    }

    /// <summary>
    /// Removes an installed certificate's key from the TPM for good, forgets the key record, deletes the install folder
    /// and marks the certificate superseded. Found by certificate id, thumbprint, serial number or address (all of an
    /// address's TPM certificates). Revoking at the CA is a separate step (<c>mpki revoke</c>).
    /// </summary>
    /// <returns>The certificates removed (empty when nothing matched).</returns>
    public async Task<IReadOnlyList<TpmCertificate>> RemoveAsync(string certificate, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate);
        var matches = (await ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => Matches(c, certificate.Trim()))
            .ToArray();
        foreach (var match in matches)
        {
            await _keys.DeleteAsync(match.KeyId, cancellationToken).ConfigureAwait(false);
            _installer.Remove(match.Address, match.SerialNumber);
            await _certificates.SetCertificateStatusAsync(match.CertificateId, CertificateStatus.Superseded, cancellationToken).ConfigureAwait(false);
            LogRemoved(_logger, match.Address, match.SerialNumber, match.KeyReference);
        }

        return matches;
    }

    private async Task<MpkiCollectResult.Issued> CollectAsync(IMpkiProvider provider, MpkiOrder order, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.CollectTimeout;
        while (true)
        {
            var result = await provider.CollectAsync(order, cancellationToken).ConfigureAwait(false);
            switch (result)
            {
                case MpkiCollectResult.Issued issued:
                    return issued;
                case MpkiCollectResult.Rejected rejected:
                    throw new MpkiException(MpkiErrorKind.Rejected, $"The CA refused order {order.OrderId}: {rejected.Reason}") { VendorCode = rejected.VendorCode };
                case MpkiCollectResult.Pending pending:
                    var remaining = deadline - _time.GetUtcNow();
                    if (remaining <= TimeSpan.Zero)
                    {
                        throw new MpkiException(
                            MpkiErrorKind.Unavailable,
                            $"The CA did not issue order {order.OrderId} within {_options.CollectTimeout.TotalSeconds:0} s (last status: {pending.Status ?? "pending"}).");
                    }

                    var wait = pending.RetryAfter is { } after && after > TimeSpan.Zero ? after : _options.CollectInterval;
                    await Task.Delay(wait < remaining ? wait : remaining, _time, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new MpkiException(MpkiErrorKind.Protocol, $"Unknown collect result {result.GetType().Name}.");
            }
        }
    }

    private void CheckChain(byte[] leafDer, IReadOnlyList<byte[]> chainDer)
    {
        // When the CA returned its root, the certificate must chain to it.
        using var leaf = X509CertificateLoader.LoadCertificate(leafDer);
        var elements = chainDer.Select(X509CertificateLoader.LoadCertificate).ToList();
        try
        {
            var roots = elements.Where(e => e.SubjectName.RawData.AsSpan().SequenceEqual(e.IssuerName.RawData)).ToList();
            if (roots.Count == 0)
            {
                return;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
            chain.ChainPolicy.ExtraStore.AddRange(elements.Except(roots).ToArray());
            if (!chain.Build(leaf))
            {
                var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
                throw new MpkiException(MpkiErrorKind.Rejected, $"The returned certificate does not chain to the root the CA returned ({status}).");
            }
        }
        finally
        {
            elements.ForEach(e => e.Dispose());
        }
    }

    private async Task DeleteKeyQuietlyAsync(string keyId)
    {
        try
        {
            await _keys.DeleteAsync(keyId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            LogKeyCleanupFailed(_logger, keyId, ex.Message);
        }
    }

    private static bool Matches(TpmCertificate certificate, string text) =>
        string.Equals(certificate.CertificateId, text, StringComparison.OrdinalIgnoreCase)
        || string.Equals(certificate.Thumbprint, text, StringComparison.OrdinalIgnoreCase)
        || string.Equals(certificate.SerialNumber, text, StringComparison.OrdinalIgnoreCase)
        || string.Equals(certificate.Address, text, StringComparison.OrdinalIgnoreCase);

    private static TpmCertificate ToTpmCertificate(CertificateRecord certificate, StoredKey key, string? folder) => new()
    {
        CertificateId = certificate.Id,
        Address = certificate.Address,
        Kind = certificate.Kind,
        KeyId = key.Id,
        KeyReference = key.ExternalReference ?? string.Empty,
        Algorithm = key.Algorithm,
        SerialNumber = certificate.SerialNumber,
        Subject = certificate.Subject,
        Issuer = certificate.Issuer,
        Thumbprint = certificate.Thumbprint,
        NotBefore = certificate.NotBefore,
        NotAfter = certificate.NotAfter,
        ProviderName = certificate.ProviderName,
        InstallPath = folder,
        CertificateDer = certificate.Der,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "TPM enrollment for {Subject} submitted to {Provider}: order {OrderId}, key {KeyId}")]
    private static partial void LogSubmitted(ILogger logger, string subject, string provider, string orderId, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed certificate {Serial} for {Address} beside TPM key {KeyReference} ({Folder})")]
    private static partial void LogInstalled(ILogger logger, string address, string serial, string keyReference, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed TPM certificate {Serial} of {Address} and its key {KeyReference}")]
    private static partial void LogRemoved(ILogger logger, string address, string serial, string keyReference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove TPM key {KeyId} after a failed enrollment: {Error}")]
    private static partial void LogKeyCleanupFailed(ILogger logger, string keyId, string error);
}
