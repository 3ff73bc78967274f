namespace MpkiConnector;

/// <summary>A certificate (or order) the CA has on record.</summary>
/// <param name="Id">The CA's id of the certificate or order.</param>
/// <param name="Kind">Person (client/S/MIME) or device.</param>
/// <param name="Status">The CA's status, lowercase (<c>requested</c>, <c>issued</c>, <c>revoked</c>...).</param>
public sealed record MpkiCertificateListItem(string Id, MpkiCertificateKind Kind, string Status)
{
    /// <summary>The certificate's subject (or the e-mail address / device name), when the CA gives it.</summary>
    public string? Subject { get; init; }

    /// <summary>The end of validity, when issued.</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The serial number (hex, no separators), when issued.</summary>
    public string? SerialNumber { get; init; }
}
