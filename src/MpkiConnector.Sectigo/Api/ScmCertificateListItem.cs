namespace MpkiConnector.Sectigo.Api;

/// <summary>An item of <c>GET /api/smime/v2</c> and <c>/api/smime/v2/byPersonEmail/{email}</c>.</summary>
internal sealed class ScmCertificateListItem
{
    public string? Id { get; set; }

    public string? State { get; set; }

    public string? Status { get; set; }

    public ScmCertificateDetails? CertificateDetails { get; set; }

    public string? SerialNumber { get; set; }

    public string? OrderNumber { get; set; }

    public string? BackendCertId { get; set; }

    public string? Expires { get; set; }

    public string? Comments { get; set; }
}
