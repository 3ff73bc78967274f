namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>
/// <c>GET /api/organization/v1/{id}</c>. <c>validationStatus</c> is not in the reference's field list (UNCERTAIN);
/// it is served so that an operator check can tell a non-validated organisation.
/// </summary>
internal sealed record OrganizationDetailsDto(
    int Id,
    string Name,
    string Alias,
    string? SecondaryName,
    IReadOnlyList<string> CertTypes,
    bool ClientCertsApiEnabled,
    bool SslCertsApiEnabled,
    string ValidationStatus,
    IReadOnlyList<DepartmentDto> Departments);
