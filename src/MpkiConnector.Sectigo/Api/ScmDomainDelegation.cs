namespace MpkiConnector.Sectigo.Api;

/// <summary>A delegation of a domain to an organisation or department, with the certificate kinds it allows.</summary>
internal sealed class ScmDomainDelegation
{
    public string? OrgId { get; set; }

    public List<string>? CertTypes { get; set; }

    public string? Status { get; set; }
}
