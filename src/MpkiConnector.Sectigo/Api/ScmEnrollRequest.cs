namespace MpkiConnector.Sectigo.Api;

/// <summary>The body of <c>POST /api/smime/v1/enroll</c>.</summary>
internal sealed class ScmEnrollRequest
{
    public int OrgId { get; set; }

    public required string Csr { get; set; }

    public int CertType { get; set; }

    public int Term { get; set; }

    public required string Email { get; set; }

    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    public string? CommonName { get; set; }

    public string? Comments { get; set; }

    public List<ScmCustomFieldValue>? CustomFields { get; set; }
}
