namespace MpkiConnector.Sectigo;

/// <summary>One page of the S/MIME certificate list.</summary>
/// <param name="Items">The items of this page.</param>
/// <param name="Position">The position (offset) of the first item.</param>
/// <param name="TotalCount">All matching items, from <c>X-Total-Count</c>, when SCM sends it.</param>
public sealed record SectigoCertificatePage(IReadOnlyList<SectigoCertificateSummary> Items, int Position, int? TotalCount);
