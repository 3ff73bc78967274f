using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>The certificates the gateway holds: list (<c>mpki certs list</c>), export (<c>mpki certs export</c>), revoke (<c>mpki revoke</c>).</summary>
public sealed class GatewayCertificates
{
    private readonly ICertificateStore _store;
    private readonly IMpkiProviderCatalog _providers;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    internal GatewayCertificates(ICertificateStore store, IMpkiProviderCatalog providers, IAuditLog audit, TimeProvider time)
    {
        _store = store;
        _providers = providers;
        _audit = audit;
        _time = time;
    }

    /// <summary>Lists certificates, optionally of one address and/or ending within <paramref name="expiringWithinDays"/> days.</summary>
    public Task<IReadOnlyList<CertificateRecord>> ListAsync(string? address = null, int? expiringWithinDays = null, CertificateStatus? status = null, CancellationToken cancellationToken = default) =>
        _store.ListCertificatesAsync(Query(address, expiringWithinDays, status), cancellationToken);

    /// <summary>
    /// The certificates <see cref="ListAsync"/> returns, in the same order, read from the store <paramref name="pageSize"/>
    /// at a time: memory is bounded by the page size, not by the store.
    /// </summary>
    public async IAsyncEnumerable<CertificateRecord> StreamAsync(
        string? address = null, int? expiringWithinDays = null, CertificateStatus? status = null, int pageSize = 500, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var query = Query(address, expiringWithinDays, status);
        CertificateRecord? last = null;
        while (true)
        {
            var page = await _store.ListCertificatesPageAsync(query, pageSize, last, cancellationToken).ConfigureAwait(false);
            foreach (var certificate in page)
            {
                yield return certificate;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            last = page[^1];
        }
    }

    private CertificateQuery Query(string? address, int? expiringWithinDays, CertificateStatus? status) => new()
    {
        Address = address is null ? null : StoreKey(address),
        NotAfterBefore = expiringWithinDays is { } days ? _time.GetUtcNow().AddDays(days) : null,
        Status = status,
    };

    /// <summary>The PEM of an address's active certificate (with its chain when <paramref name="includeChain"/>); <see langword="null"/> when it has none.</summary>
    public async Task<string?> ExportPemAsync(string address, bool includeChain = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var normalized = StoreKey(address);
        var record = await _store.GetActiveCertificateAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var pem = new StringBuilder();
        pem.Append(PemEncoding.WriteString("CERTIFICATE", record.Der)).Append('\n');
        if (includeChain)
        {
            foreach (var der in record.Chain)
            {
                pem.Append(PemEncoding.WriteString("CERTIFICATE", der)).Append('\n');
            }
        }

        return pem.ToString();
    }

    /// <summary>
    /// Revokes at the CA and marks revoked in the store: the active certificate of <paramref name="address"/>, or the
    /// certificate with <paramref name="serialNumber"/> (exactly one of them). Returns what was revoked (empty when nothing matched).
    /// The renewal service replaces a revoked certificate at its next check.
    /// </summary>
    public async Task<IReadOnlyList<CertificateRecord>> RevokeAsync(string? address, string? serialNumber, MpkiRevocationReason reason = MpkiRevocationReason.Unspecified, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(address) == string.IsNullOrWhiteSpace(serialNumber))
        {
            throw new ArgumentException("Give exactly one of an address or a serial number.");
        }

        IReadOnlyList<CertificateRecord> targets;
        if (!string.IsNullOrWhiteSpace(serialNumber))
        {
            targets = (await _store.ListCertificatesAsync(new CertificateQuery { SerialNumber = serialNumber.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant() }, cancellationToken).ConfigureAwait(false))
                .Where(c => c.Status != CertificateStatus.Revoked).ToList();
        }
        else
        {
            var normalized = StoreKey(address!);
            var active = await _store.GetActiveCertificateAsync(normalized, cancellationToken).ConfigureAwait(false);
            targets = active is null ? [] : [active];
        }

        foreach (var certificate in targets)
        {
            var provider = _providers.Get(certificate.ProviderName);
            var request = certificate.ProviderOrderId is { } orderId
                ? MpkiRevocationRequest.ByOrder(orderId, reason)
                : MpkiRevocationRequest.BySerial(certificate.SerialNumber, reason);
            await provider.RevokeAsync(request, cancellationToken).ConfigureAwait(false);
            await _store.SetCertificateStatusAsync(certificate.Id, CertificateStatus.Revoked, cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "certificate.revoked", certificate.Address, $"serial {certificate.SerialNumber}, reason {reason}"), cancellationToken).ConfigureAwait(false);
        }

        return targets;
    }

    /// <summary>Loads a stored certificate as an <see cref="X509Certificate2"/> (the caller disposes it).</summary>
    public static X509Certificate2 Load(CertificateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return X509CertificateLoader.LoadCertificate(record.Der);
    }

    /// <summary>The address as the store keys it (core's <see cref="EmailAddress"/>), or as given in lower case when it does not parse.</summary>
    private static string StoreKey(string address) =>
        EmailAddress.TryParse(address, out var parsed, out _) ? parsed.Value : address.Trim().ToLowerInvariant();
}
