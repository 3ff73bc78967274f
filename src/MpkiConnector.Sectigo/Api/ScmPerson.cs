namespace MpkiConnector.Sectigo.Api;

/// <summary>A person record of <c>/api/person/v1</c> (list item, create and update body).</summary>
internal sealed class ScmPerson
{
    public string? Id { get; set; }

    public string? FirstName { get; set; }

    public string? MiddleName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public int? OrganizationId { get; set; }

    public string? ValidationType { get; set; }

    public string? CommonName { get; set; }
}
