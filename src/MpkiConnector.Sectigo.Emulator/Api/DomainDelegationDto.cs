namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>A delegation in the domain details, and the body of <c>POST|DELETE /api/domain/v1/{id}/delegation</c> (<c>status</c> ACTIVE or REQUESTED).</summary>
internal sealed record DomainDelegationDto(int OrgId, IReadOnlyList<string>? CertTypes, IReadOnlyList<string>? DomainCertificateRequestPrivileges, string? Status);
