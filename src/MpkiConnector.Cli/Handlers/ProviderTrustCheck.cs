using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Storage;

namespace MpkiConnector.Cli.Handlers;

/// <summary>The line of <c>mpki provider check</c> that shows the roots an account's certificates must chain to (subject and SHA-256 fingerprint).</summary>
internal static class ProviderTrustCheck
{
    public static async Task<MpkiAccountCheckItem> CheckAsync(IServiceProvider services, string name, CancellationToken cancellationToken = default)
    {
        var anchors = services.GetRequiredService<CertificateTrustAnchors>();
        if (anchors.IsConfigured(name))
        {
            return new MpkiAccountCheckItem("Trusted roots (configured)", true, Describe(anchors.For(name)));
        }

        var pinned = services.GetService<IProviderTrustStore>() is { } store
            ? await store.GetPinnedRootsAsync(name, cancellationToken).ConfigureAwait(false)
            : [];
        if (pinned.Count > 0)
        {
            var roots = pinned.Select(X509CertificateLoader.LoadCertificate).ToList();
            try
            {
                return new MpkiAccountCheckItem("Trusted roots (pinned at the first issuance)", true, Describe(roots));
            }
            finally
            {
                roots.ForEach(r => r.Dispose());
            }
        }

        return new MpkiAccountCheckItem("Trusted roots", true,
            "none configured (TrustedRoots) and none pinned yet: the root the CA returns with the account's first certificate will be pinned and required from then on");
    }

    private static string Describe(IEnumerable<X509Certificate2> roots) => string.Join("; ", roots.Select(CertificateTrustAnchors.Describe));
}
