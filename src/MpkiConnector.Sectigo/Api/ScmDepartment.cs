namespace MpkiConnector.Sectigo.Api;

/// <summary>A department of an organisation.</summary>
internal sealed class ScmDepartment
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ParentName { get; set; }
}
