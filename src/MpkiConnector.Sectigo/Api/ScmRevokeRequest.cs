namespace MpkiConnector.Sectigo.Api;

/// <summary>The body of the revoke calls: <c>reasonCode</c> (RFC 5280 number), <c>reason</c> (≤512) and, for <c>/revoke</c>, <c>email</c>.</summary>
internal sealed class ScmRevokeRequest
{
    public int ReasonCode { get; set; }

    public required string Reason { get; set; }

    public string? Email { get; set; }
}
