namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>An error of the link redemption API: a stable code and a sentence that says what to do.</summary>
internal sealed record EnrollmentErrorDto(string Code, string Message);
