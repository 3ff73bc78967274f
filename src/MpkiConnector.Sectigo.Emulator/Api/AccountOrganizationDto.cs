namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>The OpenAPI <c>Organization</c> of an account or endpoint (a department nests in <c>department</c>).</summary>
internal sealed record AccountOrganizationDto(int Id, string Name, AccountOrganizationDto? Department = null);
