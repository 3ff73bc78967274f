using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector;

/// <summary>
/// Whether a certificate chains, through the intermediates the CA returned, to a trusted root: the account's configured
/// or pinned roots when it has any, otherwise the self-signed root the CA returned with the chain.
/// </summary>
internal static class ChainCheck
{
    public static string? Problem(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> returned, IReadOnlyList<X509Certificate2> configuredRoots, DateTimeOffset now, bool pinned = false)
    {
        var returnedRoots = returned.Where(IsSelfSigned).ToArray();
        var anchors = configuredRoots.Count > 0 ? configuredRoots.ToArray() : returnedRoots;
        if (anchors.Length == 0)
        {
            return "The CA returned no root certificate with the chain and no trusted root is configured for the provider account (TrustedRoots), so the chain cannot be checked.";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.ExtraStore.AddRange(returned.Except(returnedRoots).ToArray());
        if (chain.Build(certificate))
        {
            return null;
        }

        var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        var to = configuredRoots.Count > 0
            ? $"any of the {configuredRoots.Count} trusted root(s) {(pinned ? "pinned for the provider account at its first issuance" : "configured for the provider account")}"
            : "the root the CA returned";
        return $"The returned certificate (issuer '{certificate.Issuer}') does not chain to {to} ({status}).";
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
