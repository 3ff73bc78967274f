namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An item of <c>GET /api/person/v2/{id}/invitation/endpoint/{endpointId}/account</c> (<c>SmimeAccountInfo</c>: profile names).</summary>
internal sealed record InvitationAccountDto(int Id, string Name, IReadOnlyList<string> Profiles);
