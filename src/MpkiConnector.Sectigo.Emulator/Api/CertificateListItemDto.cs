namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An item of <c>GET /api/smime/v2</c> and <c>byPersonEmail</c>. <c>expires</c> is <c>yyyy-MM-dd</c>; the serial colon-hex.</summary>
internal sealed record CertificateListItemDto(
    long Id,
    string State,
    CertificateDetailsDto CertificateDetails,
    string? SerialNumber,
    long OrderNumber,
    string BackendCertId,
    string? Expires,
    string? Comments);
