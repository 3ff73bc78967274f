namespace MpkiConnector.Sectigo.Api;

/// <summary>An item of <c>GET /api/domain/v1</c> and the body of <c>GET /api/domain/v1/{id}</c>.</summary>
internal sealed class ScmDomain
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool? Active { get; set; }

    public bool? Enabled { get; set; }

    public string? State { get; set; }

    public string? ValidationStatus { get; set; }

    public string? DcvStatus { get; set; }

    public List<ScmDomainDelegation>? Delegations { get; set; }
}
