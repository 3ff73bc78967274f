namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>The body of <c>POST /enroll/api/v1/orders</c>.</summary>
internal sealed record EnrollmentSubmitDto(string? CorrelationId, string? Csr);
