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

    /// <summary>The active certificate of an address, if any (it may be expired: check).</summary>
    Task<CertificateRecord?> GetActiveCertificateAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Finds a certificate by our id.</summary>
    Task<CertificateRecord?> GetCertificateAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists certificates matching a query, by address then newest first.</summary>
    Task<IReadOnlyList<CertificateRecord>> ListCertificatesAsync(CertificateQuery query, CancellationToken cancellationToken = default);

    /// <summary>Changes the status of a certificate (revoked, expired...).</summary>
    Task SetCertificateStatusAsync(string id, CertificateStatus status, CancellationToken cancellationToken = default);

    /// <summary>Adds or refreshes a recipient certificate.</summary>
    Task SaveRecipientCertificateAsync(RecipientCertificate certificate, CancellationToken cancellationToken = default);

    /// <summary>The recipient certificates known for an address, newest end of validity first.</summary>
    Task<IReadOnlyList<RecipientCertificate>> GetRecipientCertificatesAsync(string address, CancellationToken cancellationToken = default);
}
