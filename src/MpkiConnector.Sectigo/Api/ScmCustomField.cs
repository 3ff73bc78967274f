namespace MpkiConnector.Sectigo.Api;

/// <summary>An item of <c>GET /api/smime/v1/customFields</c>.</summary>
internal sealed class ScmCustomField
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public bool? Mandatory { get; set; }
}
