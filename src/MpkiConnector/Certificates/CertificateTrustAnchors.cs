using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector;

/// <summary>
/// The root certificates each provider account's certificates must chain to (for the gateway: a provider account's
/// <c>TrustedRoots</c>). An account without roots here is checked against the self-signed root the CA returns with the
/// chain. Used by <see cref="CertificateValidator"/>.
/// </summary>
public sealed class CertificateTrustAnchors
{
    private readonly ConcurrentDictionary<string, X509Certificate2[]> _roots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds roots for a provider account.</summary>
    public void Add(string providerName, IEnumerable<X509Certificate2> roots)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(roots);
        var added = roots.ToArray();
        _roots.AddOrUpdate(providerName, added, (_, existing) => [.. existing, .. added]);
    }

    /// <summary>The roots configured for a provider account; empty when there are none.</summary>
    public IReadOnlyList<X509Certificate2> For(string? providerName) =>
        providerName is not null && _roots.TryGetValue(providerName, out var roots) ? roots : [];
}
