namespace MpkiConnector.Sectigo.Api;

/// <summary>An error of the link redemption API.</summary>
internal sealed record EnrollmentLinkError(string? Code, string? Message);
