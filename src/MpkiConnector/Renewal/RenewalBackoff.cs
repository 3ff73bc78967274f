namespace MpkiConnector.Renewal;

/// <summary>A certificate whose last renewal orders failed: no new attempt before <paramref name="NextAttemptAt"/>.</summary>
/// <param name="Failures">Consecutive failed (or rejected) renewal orders of the certificate in the journal.</param>
/// <param name="NextAttemptAt">The last failure's time plus the back-off (doubling per failure, bounded).</param>
public sealed record RenewalBackoff(int Failures, DateTimeOffset NextAttemptAt);
