namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>
/// <c>GET /api/domain/v1/{id}</c> with the fields both documents give: <c>delegationStatus</c> and <c>state</c>
/// (ACTIVE, SUSPENDED), <c>validationStatus</c> (see <see cref="ScmEmulatorOptions.DomainValidationStatusAsInExample"/>), delegations.
/// </summary>
internal sealed record DomainDetailsDto(
    int Id,
    string Name,
    string? Description,
    string DelegationStatus,
    string State,
    string ValidationStatus,
    IReadOnlyList<DomainDelegationDto> Delegations);
