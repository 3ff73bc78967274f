namespace MpkiConnector.Sectigo.Api;

/// <summary>The body of <c>POST /api/device/v1/enroll</c> (UNCERTAIN endpoint, modelled on the S/MIME enroll).</summary>
internal sealed class ScmDeviceEnrollRequest
{
    public int OrgId { get; set; }

    public required string Csr { get; set; }

    public int CertType { get; set; }

    public int Term { get; set; }

    public required string CommonName { get; set; }

    public string? Comments { get; set; }
}
