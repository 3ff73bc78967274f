namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Answer of enroll and renew: <c>orderNumber</c> (deprecated) and <c>backendCertId</c> (a string).</summary>
internal sealed record EnrollResponse(long OrderNumber, string BackendCertId);
