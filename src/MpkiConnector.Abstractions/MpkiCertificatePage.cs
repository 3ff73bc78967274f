namespace MpkiConnector;

/// <summary>One page of <see cref="IMpkiCertificateListing.ListCertificatesAsync"/>.</summary>
/// <param name="Items">The items of this page (fewer than asked for: the last page).</param>
/// <param name="Position">The position of the first item.</param>
/// <param name="TotalCount">All items of the kind, when the CA tells.</param>
public sealed record MpkiCertificatePage(IReadOnlyList<MpkiCertificateListItem> Items, int Position, int? TotalCount);
