namespace MpkiConnector.Diagnostics;

/// <summary>Settings of the MpkiConnector health checks.</summary>
public sealed class MpkiHealthCheckOptions
{
    /// <summary>
    /// An active certificate that expires within this many days and has no open order (renewal in progress) for its
    /// address makes <c>mpki-certificate-expiry</c> fail. Default 7.
    /// </summary>
    public int ExpiryWarningDays { get; set; } = 7;
}
