namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary><c>GET /api/device/v1/{id}</c> on the classic surface, with the fields of the 25.5 reference (dates <c>MM/dd/yyyy</c>).</summary>
internal sealed record DeviceDetailsDto(
    long Id,
    string? CommonName,
    long OrgId,
    string Status,
    long OrderNumber,
    string BackendCertId,
    CertTypeDto? CertType,
    long Term,
    string? Requested,
    string? Expires,
    string? SerialNumber,
    string? KeyType,
    IReadOnlyList<CustomFieldValue> CustomFields,
    CertificateDetailsDto CertificateDetails,
    string? Comments);
