namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>The answer of <c>GET /enroll/api/v1/link</c>: what the link enrolls.</summary>
internal sealed record EnrollmentLinkInfoDto(
    string Kind, string Subject, string Email, long ProfileId, long TermDays, string KeyType, DateTimeOffset ExpiresAt, string State);
