using System.Security.Cryptography.X509Certificates;
using MpkiConnector.Storage;

namespace MpkiConnector.Issuance;

/// <summary>
/// The roots an account's certificates must chain to: configured, or pinned in the store at the account's first
/// issuance (the self-signed root its CA returned) and enforced from then on, in every process on the store.
/// </summary>
internal sealed partial class IssuanceService
{
    private readonly IProviderTrustStore? _trust;

    /// <summary>Validates what the CA returned against the account's roots, pinning the returned root when the account has none yet.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Rejected"/>, with the reason.</exception>
    private async Task<ValidatedCertificate> ValidateAsync(OrderRecord order, MpkiCollectResult.Issued issued, CancellationToken cancellationToken)
    {
        var anchors = _validator.Anchors;
        var name = order.ProviderName;
        var pinning = _trust is not null && !anchors.IsConfigured(name);
        if (pinning && anchors.PinnedFor(name).Count == 0)
        {
            var stored = await _trust!.GetPinnedRootsAsync(name, cancellationToken).ConfigureAwait(false);
            if (stored.Count > 0)
            {
                anchors.Pin(name, stored.Select(X509CertificateLoader.LoadCertificate));
            }
        }

        var validated = _validator.Validate(issued, order.CsrPem, order.Kind, order.Address, name);
        if (!pinning || anchors.PinnedFor(name).Count > 0)
        {
            return validated;
        }

        var roots = validated.ChainDer.Where(IsSelfSigned).ToList();
        var pinned = await _trust!.PinRootsAsync(name, roots, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var certificates = pinned.Select(X509CertificateLoader.LoadCertificate).ToList();
        anchors.Pin(name, certificates);
        if (pinned.Count == roots.Count && pinned.All(p => roots.Any(r => r.AsSpan().SequenceEqual(p))))
        {
            await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "trust.pinned", null,
                $"provider {name}: {string.Join("; ", certificates.Select(CertificateTrustAnchors.Describe))}"), cancellationToken).ConfigureAwait(false);
            return validated;
        }

        return _validator.Validate(issued, order.CsrPem, order.Kind, order.Address, name); // another process pinned other roots first
    }

    private static bool IsSelfSigned(byte[] der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
    }
}
