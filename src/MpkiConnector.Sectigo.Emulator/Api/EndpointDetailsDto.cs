namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>
/// An enrollment endpoint: <c>EnrolmentEndpointListItem</c> (list: id, name, type, delegationMode) and
/// <c>EnrolmentEndpointItem</c> (details: also url, uriExtension, organizations, webFormAuthTypes).
/// </summary>
internal sealed record EndpointDetailsDto(
    int Id,
    string Name,
    string Type,
    string DelegationMode,
    string? Url = null,
    string? UriExtension = null,
    IReadOnlyList<AccountOrganizationDto>? Organizations = null,
    IReadOnlyList<string>? WebFormAuthTypes = null);
