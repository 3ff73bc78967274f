namespace MpkiConnector;

/// <summary>
/// An optional capability of an <see cref="IMpkiProvider"/>: lists what the CA has on record for the account (issued,
/// pending, revoked), whoever enrolled it (this connector, a web form, the CA's portal), page by page (<c>mpki certs list --at-ca</c>).
/// Hosts test for it (<c>provider is IMpkiCertificateListing</c>). Read-only.
/// </summary>
public interface IMpkiCertificateListing
{
    /// <summary>Reads one page of the certificates of <paramref name="kind"/>, from <paramref name="position"/> (0-based), at most <paramref name="pageSize"/> items.</summary>
    Task<MpkiCertificatePage> ListCertificatesAsync(MpkiCertificateKind kind, int position, int pageSize, CancellationToken cancellationToken = default);
}
