namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>A person as <c>/api/person/v1</c> sends and receives it.</summary>
internal sealed class PersonDto
{
    public long? Id { get; set; }

    public string? FirstName { get; set; }

    public string? MiddleName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public long? OrganizationId { get; set; }

    public string? ValidationType { get; set; }

    public string? Phone { get; set; }

    public string? CommonName { get; set; }

    public List<string>? SecondaryEmails { get; set; }

    public string? Eppn { get; set; }

    public string? Upn { get; set; }

    public string? Created { get; set; }

    public string? Modified { get; set; }
}
