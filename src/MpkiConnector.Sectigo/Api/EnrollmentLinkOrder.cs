namespace MpkiConnector.Sectigo.Api;

/// <summary>An order of the link redemption API: <c>status</c> pending, issued (base64 DER certificate and chain) or rejected.</summary>
internal sealed record EnrollmentLinkOrder(
    long OrderId, string? CorrelationId, string? Kind, string? Status, int? RetryAfterSeconds, string? Certificate, IReadOnlyList<string>? Chain, string? Reason);
