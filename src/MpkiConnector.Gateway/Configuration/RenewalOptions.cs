namespace MpkiConnector.Gateway.Configuration;

/// <summary>Automatic renewal settings.</summary>
public sealed class RenewalOptions
{
    /// <summary>Renew this many days before a certificate ends (default 30); must be shorter than the term.</summary>
    public int OverlapDays { get; set; } = 30;

    /// <summary>How often the renewal service looks for due certificates (default one hour).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Up to this much random delay is added to each check, so that gateways do not renew in lockstep (default 5 minutes).</summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A certificate that ends within this many days without a successful renewal is reported (default 7).</summary>
    public int ExpiryWarningDays { get; set; } = 7;

    /// <summary>The first wait after a failed renewal; it doubles with each failure (default 15 minutes).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait after failed renewals (default 12 hours).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(12);
}
