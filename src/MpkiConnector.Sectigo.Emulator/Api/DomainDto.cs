namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An item of <c>GET /api/domain/v1</c>.</summary>
internal sealed record DomainDto(int Id, string Name);
