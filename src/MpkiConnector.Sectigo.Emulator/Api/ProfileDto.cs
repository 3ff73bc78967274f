namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An item of <c>GET /api/smime/v1/types</c>.</summary>
internal sealed record ProfileDto(
    int Id,
    string Name,
    string Description,
    IReadOnlyList<int> Terms,
    IReadOnlyDictionary<string, List<string>> KeyTypes,
    bool UseSecondaryOrgName);
