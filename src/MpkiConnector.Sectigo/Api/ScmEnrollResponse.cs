namespace MpkiConnector.Sectigo.Api;

/// <summary>The answer of an enroll or renew: <c>{"orderNumber": 12345, "backendCertId": "12345"}</c>; <c>orderNumber</c> is deprecated.</summary>
internal sealed class ScmEnrollResponse
{
    public string? OrderNumber { get; set; }

    public string? BackendCertId { get; set; }

    public string? Id { get; set; }
}
