namespace MpkiConnector.Renewal;

/// <summary>When certificates are renewed.</summary>
public sealed class RenewalOptions
{
    /// <summary>Renew this long before a certificate's end of validity. Default 30 days; must be shorter than the lifetime of every certificate.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Spread renewals over this window before the due date, deterministically per certificate (a hash of its id), so
    /// that certificates issued together are not all renewed at the same moment. Default 1 day; zero disables it.
    /// </summary>
    public TimeSpan JitterWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Report certificates this close to their end of validity that have not been renewed. Default 7 days.</summary>
    public TimeSpan ExpiryWarning { get; set; } = TimeSpan.FromDays(7);
}
