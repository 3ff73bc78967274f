namespace MpkiConnector.Sectigo.Api;

/// <summary>
/// The answer of an enroll or renew: S/MIME <c>{"orderNumber": 12345, "backendCertId": "12345"}</c> (<c>orderNumber</c> is
/// deprecated); device <c>{"deviceCertId": 84, "status": "..."}</c>, which <see cref="Id"/> falls back to.
/// </summary>
internal sealed class ScmEnrollResponse
{
    private string? _id;

    public string? OrderNumber { get; set; }

    public string? BackendCertId { get; set; }

    public string? DeviceCertId { get; set; }

    public string? Status { get; set; }

    public string? Id
    {
        get => _id ?? DeviceCertId;
        set => _id = value;
    }
}
