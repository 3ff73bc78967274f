namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An item of <c>GET /api/device/v1</c>: the fields of both documents (OpenAPI <c>DeviceCertIdentity</c>, 25.5's list).</summary>
internal sealed record DeviceListItemDto(long Id, string BackendCertId, string Status, CertificateDetailsDto CertificateDetails);
