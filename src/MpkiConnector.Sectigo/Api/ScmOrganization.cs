namespace MpkiConnector.Sectigo.Api;

/// <summary>An item of <c>GET /api/organization/v1</c>, also the body of <c>GET /api/organization/v1/{id}</c>.</summary>
internal sealed class ScmOrganization
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<ScmDepartment>? Departments { get; set; }

    public bool? ClientCertsApiEnabled { get; set; }

    public List<string>? CertTypes { get; set; }

    public string? ValidationStatus { get; set; }
}
