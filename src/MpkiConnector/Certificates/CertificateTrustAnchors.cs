using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector;

/// <summary>
/// The root certificates each provider account's certificates must chain to: the roots configured for the account (for
/// the gateway: a provider account's <c>TrustedRoots</c>), or else the roots pinned for it at its first issuance (kept in
/// the store, <see cref="Storage.IProviderTrustStore"/>). An account with neither is checked against the self-signed root
/// the CA returns with the chain, which is then pinned. Used by <see cref="CertificateValidator"/>.
/// </summary>
public sealed class CertificateTrustAnchors
{
    private readonly ConcurrentDictionary<string, X509Certificate2[]> _roots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, X509Certificate2[]> _pinned = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds configured roots for a provider account.</summary>
    public void Add(string providerName, IEnumerable<X509Certificate2> roots)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(roots);
        var added = roots.ToArray();
        _roots.AddOrUpdate(providerName, added, (_, existing) => [.. existing, .. added]);
    }

    /// <summary>Sets the roots pinned for a provider account (used only while it has no configured roots).</summary>
    public void Pin(string providerName, IEnumerable<X509Certificate2> roots)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(roots);
        _pinned[providerName] = roots.ToArray();
    }

    /// <summary>Whether roots are configured for a provider account.</summary>
    public bool IsConfigured(string? providerName) => providerName is not null && _roots.TryGetValue(providerName, out var roots) && roots.Length > 0;

    /// <summary>The roots pinned for a provider account (known to this process); empty when there are none.</summary>
    public IReadOnlyList<X509Certificate2> PinnedFor(string? providerName) =>
        providerName is not null && _pinned.TryGetValue(providerName, out var roots) ? roots : [];

    /// <summary>The roots a provider account's certificates must chain to: the configured ones, else the pinned ones; empty when there are none.</summary>
    public IReadOnlyList<X509Certificate2> For(string? providerName) =>
        providerName is not null && _roots.TryGetValue(providerName, out var roots) && roots.Length > 0 ? roots : PinnedFor(providerName);

    /// <summary>A root as an operator compares it: its subject and the SHA-256 fingerprint of its DER.</summary>
    public static string Describe(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return $"{root.Subject}, SHA-256 {Convert.ToHexString(SHA256.HashData(root.RawData))}";
    }
}
