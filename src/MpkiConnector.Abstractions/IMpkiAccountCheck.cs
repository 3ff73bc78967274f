namespace MpkiConnector;

/// <summary>
/// An optional capability of an <see cref="IMpkiProvider"/>: a read-only check of the account, as a checklist an operator
/// works through (<c>mpki provider check NAME</c>). Hosts test for it (<c>provider is IMpkiAccountCheck</c>) and fall back
/// to <see cref="IMpkiProvider.DiscoverAsync"/> for providers without it. Nothing is created or changed at the CA.
/// </summary>
public interface IMpkiAccountCheck
{
    /// <summary>Runs every check of the account; <paramref name="domains"/> are the mail domains mapped to it, checked besides its own.</summary>
    Task<MpkiAccountCheckReport> CheckAccountAsync(IEnumerable<string> domains, CancellationToken cancellationToken = default);

    /// <summary>Checks whether the account may issue for one mail domain (for <c>mpki domains add</c>).</summary>
    Task<IReadOnlyList<MpkiAccountCheckItem>> CheckDomainAsync(string domain, CancellationToken cancellationToken = default);
}
