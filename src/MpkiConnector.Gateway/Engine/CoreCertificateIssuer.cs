using MpkiConnector.Issuance;

namespace MpkiConnector.Gateway.Engine;

/// <summary>Adapts the core issuance coordinator (<see cref="IIssuanceService"/>) to the gateway.</summary>
internal sealed class CoreCertificateIssuer : ICertificateIssuer
{
    private readonly IIssuanceService _issuance;

    public CoreCertificateIssuer(IIssuanceService issuance)
    {
        _issuance = issuance;
    }

    public async Task<GatewayIssuance> IssueAsync(IssuanceTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var request = new IssuanceRequest(target.Address, target.Domain.ProviderName)
        {
            CertificateType = target.Domain.CertificateType,
            TermDays = target.Domain.TermDays,
            OrganizationId = target.Domain.OrganizationId,
            KeyAlgorithm = target.Domain.KeyAlgorithm,
            DisplayName = target.DisplayName,
            RenewsCertificateId = target.RenewsCertificateId,
        };
        var result = await _issuance.IssueAsync(request, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            IssuanceResult.Issued issued => new GatewayIssuance.Issued(issued.Certificate),
            IssuanceResult.Pending pending => new GatewayIssuance.Pending(pending.Status ?? "pending"),
            IssuanceResult.Failed failed => new GatewayIssuance.Failed(failed.Reason, Permanent: failed.Kind is not (MpkiErrorKind.RateLimited or MpkiErrorKind.Unavailable)),
            _ => new GatewayIssuance.Failed("unknown issuance result", Permanent: false),
        };
    }
}
