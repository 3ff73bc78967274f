namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary><c>GET /api/person/v1/id/byEmail/{email}</c>.</summary>
internal sealed record PersonIdDto(long PersonId);
