namespace MpkiConnector.Gateway.Engine;

/// <summary>The gateway's seam to the core issuance coordinator (an adapter; no issuance logic of its own).</summary>
internal interface ICertificateIssuer
{
    /// <summary>Issues (key, CSR, journal, submit, collect, validate, store) and says how it ended.</summary>
    Task<GatewayIssuance> IssueAsync(IssuanceTarget target, CancellationToken cancellationToken = default);
}
