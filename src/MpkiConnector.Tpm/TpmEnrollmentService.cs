using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm;

/// <summary>
/// TPM enrollment, as a desktop enrollment client does it, through the journaled <see cref="IIssuanceService"/>: the
/// key is made in the TPM by the TPM key provider, the CSR is signed inside it, and the order is journaled before the
/// CA is called, so that a process killed at any step resumes the same order with the same TPM key. What is
/// TPM-specific stays here: the TPM key provider's kind and algorithm, the chain check against the root the CA
/// returned, and the installation beside the key reference (the certificate store holds the certificate with its key
/// id; <see cref="TpmOptions.InstallDirectory"/>, when set, gets a folder with the chain and root).
/// A CA that has not issued within the wait bound gives <see cref="TpmEnrollmentResult.Pending"/>: run the enrollment
/// again, or <see cref="ResumeAsync"/>. The key leaves the TPM only when the order ends for good (refused, or the
/// answer failed validation), never while it is pending or retried.
/// </summary>
public sealed partial class TpmEnrollmentService
{
    private readonly IKeyProvider _keys;
    private readonly IIssuanceService _issuance;
    private readonly IOrderJournal _journal;
    private readonly IKeyStore _keyStore;
    private readonly ICertificateStore _certificates;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TpmCertificateInstaller _installer;

    /// <summary>Creates the service.</summary>
    /// <param name="tpmKeys">The TPM key provider (<see cref="TpmKeyProvider"/> or <see cref="WindowsPlatformKeyProvider"/>); it must also be one of the issuance service's key providers.</param>
    /// <param name="issuance">The journaled issuance coordinator.</param>
    /// <param name="journal">The order journal (to find open TPM orders).</param>
    /// <param name="keyStore">Where key records are kept (to list keys and their references).</param>
    /// <param name="certificates">Where issued certificates are kept.</param>
    /// <param name="options">TPM options (install folder).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public TpmEnrollmentService(
        IKeyProvider tpmKeys,
        IIssuanceService issuance,
        IOrderJournal journal,
        IKeyStore keyStore,
        ICertificateStore certificates,
        IOptions<TpmOptions> options,
        TimeProvider timeProvider,
        ILogger<TpmEnrollmentService> logger)
    {
        ArgumentNullException.ThrowIfNull(tpmKeys);
        ArgumentNullException.ThrowIfNull(issuance);
        ArgumentNullException.ThrowIfNull(journal);
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
        _issuance = issuance;
        _journal = journal;
        _keyStore = keyStore;
        _certificates = certificates;
        _time = timeProvider;
        _logger = logger;
        _installer = new TpmCertificateInstaller(options.Value);
    }

    /// <summary>
    /// Enrolls a certificate for a new TPM key and installs it; or finishes the subject's open order (same key, no
    /// second order); or returns the subject's valid TPM certificate. A valid certificate of the subject whose key is not
    /// in the TPM is replaced.
    /// </summary>
    /// <returns><see cref="TpmEnrollmentResult.Installed"/>, <see cref="TpmEnrollmentResult.Pending"/> or
    /// <see cref="TpmEnrollmentResult.Failed"/> (for example an algorithm the TPM lacks: no key is made, nothing is
    /// ordered). Only cancellation and unexpected faults (store down, TPM gone) throw.</returns>
    public async Task<TpmEnrollmentResult> EnrollAsync(TpmEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject);
        string address;
        try
        {
            address = request.Kind == MpkiCertificateKind.Device ? DeviceName.Normalize(request.Subject) : EmailAddress.Normalize(request.Subject);
        }
        catch (MpkiException ex)
        {
            return new TpmEnrollmentResult.Failed(ex.Message, ex.Kind) { Address = request.Subject };
        }

        var issuance = new IssuanceRequest(address, request.ProviderName)
        {
            Kind = request.Kind,
            KeyAlgorithm = request.Algorithm,
            KeyProviderKind = _keys.Kind,
            CertificateType = request.CertificateType,
            TermDays = request.TermDays,
            DisplayName = request.DisplayName,
            RenewsCertificateId = await ActiveCertificateNotInTpmAsync(address, cancellationToken).ConfigureAwait(false),
        };
        return await IssueAndInstallAsync(issuance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues every open order whose key is in the TPM (what <c>mpki tpm enroll --resume</c> does), and installs every
    /// active TPM certificate whose install folder is missing (a process stopped between storing and installing, or
    /// another process finished the order). One result per order or installation.
    /// </summary>
    public async Task<IReadOnlyList<TpmEnrollmentResult>> ResumeAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<TpmEnrollmentResult>();
        foreach (var order in await _journal.ListOpenOrdersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await GetTpmKeyAsync(order.KeyId, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            var request = new IssuanceRequest(order.Address, order.ProviderName)
            {
                Kind = order.Kind,
                KeyProviderKind = _keys.Kind,
                CertificateType = order.CertificateType,
                TermDays = order.TermDays,
                OrganizationId = order.OrganizationId,
                DisplayName = order.DisplayName,
            };
            results.Add(await IssueAndInstallAsync(request, cancellationToken).ConfigureAwait(false));
        }

        var active = await _certificates.ListCertificatesAsync(new CertificateQuery { Status = CertificateStatus.Active }, cancellationToken).ConfigureAwait(false);
        foreach (var certificate in active)
        {
            var folder = _installer.FolderFor(certificate.Address, certificate.SerialNumber);
            if (folder is not null && !Directory.Exists(folder) && await GetTpmKeyAsync(certificate.KeyId, cancellationToken).ConfigureAwait(false) is not null)
            {
                results.Add(await InstallAsync(certificate, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    /// <summary>The certificates whose TPM key is still recorded, by address then newest first.</summary>
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
                list.Add(TpmCertificate.From(certificate, key, folder is not null && Directory.Exists(folder) ? folder : null));
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

    private async Task<TpmEnrollmentResult> IssueAndInstallAsync(IssuanceRequest request, CancellationToken cancellationToken)
    {
        IssuanceResult result;
        try
        {
            result = await _issuance.IssueAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            // The TPM key provider refused the key (algorithm not allowed or not in this TPM): nothing was ordered.
            return new TpmEnrollmentResult.Failed(ex.Message, ex.Kind) { Address = request.Address };
        }

        switch (result)
        {
            case IssuanceResult.Issued issued:
                return await InstallAsync(issued.Certificate, cancellationToken).ConfigureAwait(false);

            case IssuanceResult.Pending pending:
                var order = await _journal.GetOrderAsync(pending.OrderId, cancellationToken).ConfigureAwait(false);
                var key = order is null ? null : await _keyStore.GetKeyAsync(order.KeyId, cancellationToken).ConfigureAwait(false);
                if (key is not null && key.ProviderKind != _keys.Kind)
                {
                    return new TpmEnrollmentResult.Failed(
                        $"{result.Address} has an open order ({pending.OrderId}) for a '{key.ProviderKind}' key, not a TPM key; enroll the TPM certificate after it has finished.",
                        MpkiErrorKind.Configuration) { Address = result.Address };
                }

                LogPending(_logger, result.Address, pending.OrderId, key?.ExternalReference ?? "?", pending.Status ?? "pending");
                return new TpmEnrollmentResult.Pending(pending.OrderId, key?.ExternalReference, pending.NextAttemptAt, pending.Status) { Address = result.Address };

            case IssuanceResult.Failed failed:
                var reason = failed.OrderStillOpen
                    ? $"{failed.Reason} The order {failed.OrderId} stays open with its TPM key: fix this, then run 'mpki tpm enroll --resume'."
                    : failed.Reason;
                return new TpmEnrollmentResult.Failed(reason, failed.Kind) { Address = result.Address };

            default:
                throw new MpkiException(MpkiErrorKind.Protocol, $"Unknown issuance result {result.GetType().Name}.");
        }
    }

    /// <summary>Checks the chain and installs an issued certificate beside its TPM key; a certificate that does not chain is retired with its key.</summary>
    private async Task<TpmEnrollmentResult> InstallAsync(CertificateRecord certificate, CancellationToken cancellationToken)
    {
        var key = await GetTpmKeyAsync(certificate.KeyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return new TpmEnrollmentResult.Failed(
                $"{certificate.Address} already has a valid certificate (serial {certificate.SerialNumber}) whose key is not in the TPM.",
                MpkiErrorKind.Configuration) { Address = certificate.Address };
        }

        if (TpmChainCheck.Problem(certificate.Der, certificate.Chain, _time.GetUtcNow()) is { } problem)
        {
            await _certificates.SetCertificateStatusAsync(certificate.Id, CertificateStatus.Superseded, cancellationToken).ConfigureAwait(false);
            await _keys.DeleteAsync(key.Id, cancellationToken).ConfigureAwait(false);
            LogChainRejected(_logger, certificate.Address, certificate.SerialNumber, problem);
            return new TpmEnrollmentResult.Failed(problem, MpkiErrorKind.Rejected) { Address = certificate.Address };
        }

        var folder = _installer.Install(certificate, key);
        LogInstalled(_logger, certificate.Address, certificate.SerialNumber, key.ExternalReference ?? "?", folder ?? "(store only)");
        return new TpmEnrollmentResult.Installed(TpmCertificate.From(certificate, key, folder)) { Address = certificate.Address };
    }

    /// <summary>The id of the subject's active certificate when its key is not in the TPM (so that a TPM certificate replaces it).</summary>
    private async Task<string?> ActiveCertificateNotInTpmAsync(string address, CancellationToken cancellationToken)
    {
        var active = await _certificates.GetActiveCertificateAsync(address, cancellationToken).ConfigureAwait(false);
        return active is null || await GetTpmKeyAsync(active.KeyId, cancellationToken).ConfigureAwait(false) is not null ? null : active.Id;
    }

    private async Task<StoredKey?> GetTpmKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await _keyStore.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        return key is not null && string.Equals(key.ProviderKind, _keys.Kind, StringComparison.Ordinal) ? key : null;
    }

    private static bool Matches(TpmCertificate certificate, string text) =>
        string.Equals(certificate.CertificateId, text, StringComparison.OrdinalIgnoreCase)
        || string.Equals(certificate.Thumbprint, text, StringComparison.OrdinalIgnoreCase)
        || string.Equals(certificate.SerialNumber, text, StringComparison.OrdinalIgnoreCase)
        || string.Equals(certificate.Address, text, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "TPM enrollment for {Address} is pending at the CA (order {OrderId}, key {KeyReference} kept): {Status}")]
    private static partial void LogPending(ILogger logger, string address, string orderId, string keyReference, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed certificate {Serial} for {Address} beside TPM key {KeyReference} ({Folder})")]
    private static partial void LogInstalled(ILogger logger, string address, string serial, string keyReference, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate {Serial} for {Address} was not installed and its TPM key was removed: {Problem}")]
    private static partial void LogChainRejected(ILogger logger, string address, string serial, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed TPM certificate {Serial} of {Address} and its key {KeyReference}")]
    private static partial void LogRemoved(ILogger logger, string address, string serial, string keyReference);
}
