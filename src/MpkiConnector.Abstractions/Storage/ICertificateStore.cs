namespace MpkiConnector.Storage;

/// <summary>
/// Our certificates with their history, and the recipient certificates harvested from mail.
/// This is the seam where a shared database (for a cluster of gateways) plugs in.
/// </summary>
public interface ICertificateStore
{
    /// <summary>
    /// In one transaction: stores <paramref name="certificate"/> as active, marks the address's previous active
    /// certificate superseded, and writes <paramref name="completedOrder"/> (state <see cref="OrderState.Issued"/>).
    /// </summary>
    Task CompleteIssuanceAsync(OrderRecord completedOrder, CertificateRecord certificate, CancellationToken cancellationToken = default);

    /// <summary>Stores a certificate that did not come through the journal (import, TPM install).</summary>
    Task SaveCertificateAsync(CertificateRecord certificate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores many certificates as <see cref="SaveCertificateAsync"/> stores each (an active one supersedes its address's
    /// previous active one; one already stored, by thumbprint, is skipped), for imports and bulk loads. Stores override
    /// this default (one call per certificate) with batched transactions: all of them, or none when one fails.
    /// </summary>
    async Task SaveCertificatesAsync(IEnumerable<CertificateRecord> certificates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        foreach (var certificate in certificates)
        {
            await SaveCertificateAsync(certificate, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The active certificate of an address, if any (it may be expired: check).</summary>
    Task<CertificateRecord?> GetActiveCertificateAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Finds a certificate by our id.</summary>
    Task<CertificateRecord?> GetCertificateAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists certificates matching a query, by address then newest first.</summary>
    Task<IReadOnlyList<CertificateRecord>> ListCertificatesAsync(CertificateQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the certificates of <paramref name="status"/> that end at or before <paramref name="notAfterAtMost"/>,
    /// ordered by end of validity then id, starting after <paramref name="after"/> (the last certificate of the previous
    /// page; <see langword="null"/> for the first page). At most <paramref name="limit"/> are returned, so a caller that
    /// pages through the store holds one page at a time. Stores override this default (which filters
    /// <see cref="ListCertificatesAsync"/> in memory) with an indexed query over status and end of validity.
    /// </summary>
    async Task<IReadOnlyList<CertificateRecord>> ListCertificatesEndingByAsync(
        CertificateStatus status, DateTimeOffset notAfterAtMost, int limit, CertificateRecord? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var all = await ListCertificatesAsync(new CertificateQuery { Status = status }, cancellationToken).ConfigureAwait(false);
        return all
            .Where(c => c.NotAfter <= notAfterAtMost)
            .Where(c => after is null || c.NotAfter > after.NotAfter || (c.NotAfter == after.NotAfter && string.CompareOrdinal(c.Id, after.Id) > 0))
            .OrderBy(c => c.NotAfter)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>
    /// One page of <see cref="ListCertificatesAsync"/>: the certificates matching <paramref name="query"/> in the same order
    /// (address, then newest first), starting after <paramref name="after"/> (the last certificate of the previous page;
    /// <see langword="null"/> for the first), at most <paramref name="limit"/> of them, so that a listing holds one page at
    /// a time however large the store. Stores override this default (which pages <see cref="ListCertificatesAsync"/> in
    /// memory) with a keyset query.
    /// </summary>
    async Task<IReadOnlyList<CertificateRecord>> ListCertificatesPageAsync(
        CertificateQuery query, int limit, CertificateRecord? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var all = await ListCertificatesAsync(query, cancellationToken).ConfigureAwait(false);
        return all.Where(c => after is null || CompareListingOrder(c, after) > 0).Take(limit).ToList();
    }

    /// <summary>The order of <see cref="ListCertificatesAsync"/>: address (ordinal), newest not-before first, newest created first, id.</summary>
    private static int CompareListingOrder(CertificateRecord x, CertificateRecord y)
    {
        var order = string.CompareOrdinal(x.Address, y.Address);
        order = order != 0 ? order : y.NotBefore.CompareTo(x.NotBefore);
        order = order != 0 ? order : y.CreatedAt.CompareTo(x.CreatedAt);
        return order != 0 ? order : string.CompareOrdinal(x.Id, y.Id);
    }

    /// <summary>Changes the status of a certificate (revoked, expired...).</summary>
    Task SetCertificateStatusAsync(string id, CertificateStatus status, CancellationToken cancellationToken = default);

    /// <summary>Adds or refreshes a recipient certificate.</summary>
    Task SaveRecipientCertificateAsync(RecipientCertificate certificate, CancellationToken cancellationToken = default);

    /// <summary>The recipient certificates known for an address, newest end of validity first.</summary>
    Task<IReadOnlyList<RecipientCertificate>> GetRecipientCertificatesAsync(string address, CancellationToken cancellationToken = default);
}
