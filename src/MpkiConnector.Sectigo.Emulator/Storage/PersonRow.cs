namespace MpkiConnector.Sectigo.Emulator.Storage;

/// <summary>A person record, as stored.</summary>
internal sealed class PersonRow
{
    public long Id { get; set; }

    public string CustomerUri { get; set; } = string.Empty;

    public string FirstName { get; set; } = string.Empty;

    public string? MiddleName { get; set; }

    public string LastName { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public long OrganizationId { get; set; }

    public string ValidationType { get; set; } = "STANDARD";

    public string? Phone { get; set; }

    public string? CommonName { get; set; }

    /// <summary>JSON array of strings.</summary>
    public string? SecondaryEmails { get; set; }

    public string? Eppn { get; set; }

    public string? Upn { get; set; }

    public long CreatedAt { get; set; }

    public long ModifiedAt { get; set; }
}
