namespace MpkiConnector.Sectigo.Api;

/// <summary>The <c>certificateDetails</c> of a list item.</summary>
internal sealed class ScmCertificateDetails
{
    public string? Issuer { get; set; }

    public string? Subject { get; set; }

    public string? SubjectAltNames { get; set; }
}
