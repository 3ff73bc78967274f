namespace MpkiConnector.Sectigo;

/// <summary>One item of the S/MIME certificate list.</summary>
/// <param name="Id">SCM's certificate id.</param>
/// <param name="BackendCertId">The order id used to collect, renew and revoke.</param>
/// <param name="State">The state in lowercase (<c>requested</c>, <c>issued</c>, <c>revoked</c>...).</param>
public sealed record SectigoCertificateSummary(string? Id, string? BackendCertId, string? State)
{
    /// <summary>The serial number as SCM gives it (colon-hex in lists).</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The certificate's subject, when issued.</summary>
    public string? Subject { get; init; }

    /// <summary>The expiry date as SCM gives it (<c>yyyy-MM-dd</c>).</summary>
    public string? Expires { get; init; }

    /// <summary>The order's comments (this connector puts its correlation marker there).</summary>
    public string? Comments { get; init; }
}
