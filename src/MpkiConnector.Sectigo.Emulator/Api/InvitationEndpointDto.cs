namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An item of <c>GET /api/person/v2/{id}/invitation/endpoint</c> (<c>EnrollmentEndpointInfo</c>).</summary>
internal sealed record InvitationEndpointDto(int Id, string Name, string Url);
