namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>A delegation in <c>GET /api/domain/v1/{id}</c> (field names follow the SCM domain API; status values UNCERTAIN).</summary>
internal sealed record DomainDelegationDto(int OrgId, IReadOnlyList<string> CertTypes, string Status);
