namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Body of <c>POST /api/person/v2/{id}/invitation/send</c> (<c>InvitationRequestDtoV2</c>).</summary>
internal sealed record InvitationRequest(int? AccountId);
