namespace MpkiConnector.Sectigo;

/// <summary>Filters of the S/MIME certificate list (<c>GET /api/smime/v2</c>); every filter is optional.</summary>
public sealed record SectigoCertificateQuery
{
    /// <summary>Only certificates of this e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Only certificates in this state (<c>issued</c>, <c>requested</c>, <c>revoked</c>...).</summary>
    public string? State { get; init; }

    /// <summary>Only certificates with this serial number.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>Only certificates of this certificate type id.</summary>
    public string? CertificateTypeId { get; init; }

    /// <summary>Items per page, at most 200 (the SCM maximum).</summary>
    public int PageSize { get; init; } = 200;
}
