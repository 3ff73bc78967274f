namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary><c>GET /api/smime/v1/{id}</c>. Dates are <c>MM/dd/yyyy</c>.</summary>
internal sealed record CertificateInfoDto(
    long Id,
    string? CommonName,
    string? Email,
    long OrgId,
    string Status,
    string BackendCertId,
    CertTypeDto? CertType,
    long Term,
    string RequestedVia,
    string? Requested,
    string? Issued,
    string? Expires,
    string? Revoked,
    long? ReasonCode,
    string? SerialNumber,
    string? KeyType,
    IReadOnlyList<string> KeyUsages,
    IReadOnlyList<string> ExtendedKeyUsages,
    IReadOnlyList<string> SubjectAlternativeNames,
    IReadOnlyList<CustomFieldValue> CustomFields,
    string? Comments);
