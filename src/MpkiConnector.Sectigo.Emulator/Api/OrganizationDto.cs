namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An item of <c>GET /api/organization/v1</c>.</summary>
internal sealed record OrganizationDto(int Id, string Name, IReadOnlyList<DepartmentDto> Departments);
