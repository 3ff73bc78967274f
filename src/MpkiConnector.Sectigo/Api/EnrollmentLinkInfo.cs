namespace MpkiConnector.Sectigo.Api;

/// <summary>The answer of the link redemption API's <c>GET /enroll/api/v1/link</c>.</summary>
internal sealed record EnrollmentLinkInfo(
    string? Kind, string? Subject, string? Email, long ProfileId, int TermDays, string? KeyType, DateTimeOffset ExpiresAt, string? State);
