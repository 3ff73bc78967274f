namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>An order placed through a link; <c>status</c> is <c>pending</c>, <c>issued</c> (certificate and chain, base64 DER) or <c>rejected</c>.</summary>
internal sealed record EnrollmentOrderDto(
    long OrderId, string CorrelationId, string Kind, string Status, int? RetryAfterSeconds, string? Certificate, IReadOnlyList<string>? Chain, string? Reason);
