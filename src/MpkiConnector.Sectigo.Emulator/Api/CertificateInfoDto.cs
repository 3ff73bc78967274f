namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>
/// Certificate details (<c>GET /api/smime/v1/{id}</c> classic, <c>/api/smime/v2/{certId}</c> Admin, <c>/api/device/v1/{id}</c>),
/// with the fields of the 25.5 reference: key usages by name ("Digital Signature"), extended key usages as OIDs,
/// <c>keyType</c> like "RSA - 2048" or "EC - P-256", <c>requestedVia</c> "API Enroll". Dates per <see cref="ScmDates"/>.
/// </summary>
internal sealed record CertificateInfoDto(
    long Id,
    string? CommonName,
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
    CertificateDetailsDto CertificateDetails,
    bool SuspendNotifications,
    string? Comments);
