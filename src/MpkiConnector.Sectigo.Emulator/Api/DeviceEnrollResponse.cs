namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Answer of the device enroll: <c>deviceCertId</c> and <c>status</c>; classic 25.5 adds the deprecated <c>backendCertId</c> and <c>orderNumber</c>.</summary>
internal sealed record DeviceEnrollResponse(long DeviceCertId, string Status, string? BackendCertId, long? OrderNumber);
