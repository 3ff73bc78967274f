namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Body of <c>POST /api/smime/v1/enroll</c> (and of the device enroll, which uses a subset).</summary>
internal sealed class EnrollRequest
{
    public int? OrgId { get; set; }

    public string? Csr { get; set; }

    public int? CertType { get; set; }

    public int? Term { get; set; }

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? MiddleName { get; set; }

    public string? LastName { get; set; }

    public string? Phone { get; set; }

    public List<string>? SecondaryEmails { get; set; }

    public List<CustomFieldValue>? CustomFields { get; set; }

    public string? CommonName { get; set; }

    public string? Eppn { get; set; }

    public string? Upn { get; set; }

    public string? Comments { get; set; }
}
