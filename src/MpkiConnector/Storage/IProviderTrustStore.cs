namespace MpkiConnector.Storage;

/// <summary>
/// The roots pinned for provider accounts without configured <c>TrustedRoots</c>: the root of the first chain an
/// account's CA returned is pinned, and every later certificate of that account must chain to it. Pins are shared by
/// every process on the store.
/// </summary>
public interface IProviderTrustStore
{
    /// <summary>The roots pinned for <paramref name="providerName"/> (DER, case-insensitive name); empty when none is pinned yet.</summary>
    Task<IReadOnlyList<byte[]>> GetPinnedRootsAsync(string providerName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pins <paramref name="roots"/> for <paramref name="providerName"/> when nothing is pinned for it yet (atomically, across
    /// processes); returns the roots pinned now: these, or the ones another process pinned first.
    /// </summary>
    Task<IReadOnlyList<byte[]>> PinRootsAsync(string providerName, IReadOnlyList<byte[]> roots, DateTimeOffset at, CancellationToken cancellationToken = default);
}
