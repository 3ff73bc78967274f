using System.Text.Json;

namespace MpkiConnector.Sectigo.Api;

/// <summary>An item of <c>GET /api/smime/v1/types</c>: <c>{id, name, description, terms, keyTypes, useSecondaryOrgName}</c>.</summary>
internal sealed class ScmCertificateType
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<int>? Terms { get; set; }

    public JsonElement? KeyTypes { get; set; }

    public bool? UseSecondaryOrgName { get; set; }
}
