namespace MpkiConnector.Renewal;

/// <summary>
/// When certificates are renewed, and how renewal checks run: the one renewal model (the gateway binds its
/// <c>Renewal</c> configuration section to it). Due time, the spread of due dates, the check timer and the back-off
/// after a failed renewal are separate settings.
/// </summary>
public sealed class RenewalOptions
{
    /// <summary>Renew this long before a certificate's end of validity. Default 30 days; must be shorter than the lifetime of every certificate.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Spread due dates over this window before <c>notAfter - overlap</c>, deterministically per certificate (a hash of
    /// its id), so that certificates issued together are not all renewed at the same moment. Default 1 day; zero disables it.
    /// </summary>
    public TimeSpan JitterWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often a renewal service looks for due certificates. Default 1 hour.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Up to this much random delay is added to each check's timer, so that gateways do not check in lockstep. Default 5 minutes; zero disables it.</summary>
    public TimeSpan CheckJitter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Report certificates this close to their end of validity that have not been renewed. Default 7 days.</summary>
    public TimeSpan ExpiryWarning { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The wait after a failed renewal of a certificate; it doubles with each consecutive failure in the journal. Default 15 minutes.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait after failed renewals. Default 12 hours.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(12);
}
