namespace MpkiConnector.Gateway.Renewal;

/// <summary>What one renewal check found and did.</summary>
/// <param name="DryRun">Whether it only looked.</param>
/// <param name="Checked">How many certificates were looked at.</param>
/// <param name="Items">The certificates due (or revoked), with what happened to each.</param>
/// <param name="ExpiringSoon">Certificates that end within <c>Renewal.ExpiryWarningDays</c> without a successful renewal.</param>
public sealed record RenewalReport(bool DryRun, int Checked, IReadOnlyList<RenewalItem> Items, IReadOnlyList<ExpiringCertificate> ExpiringSoon)
{
    /// <summary>How many were renewed.</summary>
    public int Renewed => Items.Count(i => i.Result == RenewalResult.Renewed);

    /// <summary>How many failed.</summary>
    public int Failed => Items.Count(i => i.Result == RenewalResult.Failed);
}
