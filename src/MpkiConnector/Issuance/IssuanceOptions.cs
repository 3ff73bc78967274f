namespace MpkiConnector.Issuance;

/// <summary>Bounds and back-off of the issuance coordinator.</summary>
public sealed class IssuanceOptions
{
    /// <summary>The longest one call of <see cref="IIssuanceService.IssueAsync"/> waits (pending answers, back-off) before returning Pending. Default 2 minutes; zero never waits.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most waits (pending answers and retries) in one call. Default 30.</summary>
    public int MaxPolls { get; set; } = 30;

    /// <summary>
    /// The longest wait between collects when the CA gives no retry-after. Default 10 seconds. The order is collected at
    /// once after submission, then after <see cref="FirstPollDelay"/>, and each later wait is as long as the order has
    /// been open (the waits double) up to this interval. A retry-after the CA sends is always honoured instead.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The wait before the first collect after the CA answered pending, when it gives no retry-after. Default 250
    /// milliseconds: a CA that issues within a second is collected within about that long, while an order pending for
    /// minutes is collected every <see cref="PollInterval"/> (which also caps this delay).
    /// </summary>
    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The first back-off after a transient error; doubled each time up to <see cref="MaxBackoff"/>. Default 2 seconds.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest back-off (and the longest retry-after honoured). Default 15 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// An order the CA has not accepted yet that still fails this long after it was opened is marked failed. Default 3
    /// days. An order the CA accepted is never given up on errors (only a rejection or a wrong certificate ends it).
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Whether an order whose submission outcome is unknown (the answer was lost) may be submitted again when the
    /// provider cannot look orders up (<see cref="MpkiCapabilities.FindOrder"/>). Default <see langword="false"/>:
    /// the order fails and an operator checks the CA's portal, so that no duplicate order is placed.
    /// </summary>
    public bool ResubmitWhenOutcomeUnknown { get; set; }

    /// <summary>
    /// Software keys generated ahead per pooled algorithm, so an order does not wait for key generation (RSA-3072 takes
    /// about half a second). Default 4; 0 turns the pool off. RSA algorithms are pooled from their first use, those in
    /// <see cref="KeyPoolAlgorithms"/> from the start. Pooled keys are sealed and stored like every key; one is taken in
    /// the transaction that journals an order's intent.
    /// </summary>
    public int KeyPoolSize { get; set; } = 4;

    /// <summary>The pool of an algorithm is topped up to <see cref="KeyPoolSize"/> when it holds this many or fewer. Default 2.</summary>
    public int KeyPoolLowWater { get; set; } = 2;

    /// <summary>Algorithms whose pool is filled at start (for example the managed domains' RSA-3072). Default none.</summary>
    public IList<MpkiKeyAlgorithm> KeyPoolAlgorithms { get; } = [];

    /// <summary>
    /// An open order in state intent that another process (or an earlier run) journaled less than this long ago is left
    /// to it: another gateway may be submitting it right now. After this time the order is adopted (a crashed process).
    /// Default 2 minutes.
    /// </summary>
    public TimeSpan IntentLease { get; set; } = TimeSpan.FromMinutes(2);
}
