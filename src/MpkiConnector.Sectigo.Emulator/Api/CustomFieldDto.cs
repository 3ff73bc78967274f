namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An item of <c>GET /api/smime/v1/customFields</c>.</summary>
internal sealed record CustomFieldDto(int Id, string Name, bool Mandatory);
