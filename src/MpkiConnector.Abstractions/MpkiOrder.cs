namespace MpkiConnector;

/// <summary>An order accepted by a CA; persist it before collecting.</summary>
/// <param name="OrderId">The CA's id of the order (for Sectigo: <c>backendCertId</c>).</param>
/// <param name="CorrelationId">Our id of the issuance this order belongs to.</param>
/// <param name="Kind">The kind of certificate ordered; a CA that keeps person and device orders apart uses it to collect and revoke.</param>
public sealed record MpkiOrder(string OrderId, string CorrelationId, MpkiCertificateKind Kind = MpkiCertificateKind.Person);
