namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary><c>GET /api/domain/v1/{id}</c>. <c>validationStatus</c> values (VALIDATED, NOT_VALIDATED) are UNCERTAIN.</summary>
internal sealed record DomainDetailsDto(
    int Id,
    string Name,
    string Description,
    bool Active,
    bool Enabled,
    string ValidationStatus,
    IReadOnlyList<DomainDelegationDto> Delegations);
