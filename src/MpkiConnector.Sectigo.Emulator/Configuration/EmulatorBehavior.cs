namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>
/// Behaviour knobs, global or per account (an account's own behaviour replaces the global one as a whole).
/// Every field may be changed while the emulator runs. Random faults draw from one seeded generator, so a given
/// sequence of requests sees the same faults on every run. A "burst" counter fails the next N requests and counts
/// down; a "rate" is a probability per request.
/// </summary>
public sealed class EmulatorBehavior
{
    /// <summary>The CA issues an order only after it has been collected this many times (0: at once).</summary>
    public int IssueAfterCollects { get; set; }

    /// <summary>
    /// The CA's delay: an order is issued (or declined) this many seconds after it was placed (0: at once), on the
    /// emulator's clock, and list, details and collect all show it then. Both this and <see cref="IssueAfterCollects"/> must hold.
    /// </summary>
    public double IssueAfterSeconds { get; set; }

    /// <summary>When true, due orders are declined (state <c>rejected</c>) instead of issued.</summary>
    public bool DeclineOrders { get; set; }

    /// <summary>Device orders wait for <c>POST /api/device/v1/approve/{id}</c> (or are declined by <c>/decline/{id}</c>) before the delay counts.</summary>
    public bool DeviceApprovalRequired { get; set; }

    /// <summary>A named pending answer; when set it replaces <see cref="PendingCode"/>, <see cref="PendingDescription"/> and <see cref="PendingStatus"/>.</summary>
    public PendingAnswerPreset? PendingPreset { get; set; }

    /// <summary>A named revoked answer; when set it replaces <see cref="RevokedCode"/>.</summary>
    public RevokedAnswerPreset? RevokedPreset { get; set; }

    /// <summary>The "not ready" code: 0 (default, "Being processed by Sectigo"), -183, -1400, -109 or -103.</summary>
    public int PendingCode { get; set; }

    /// <summary>The "not ready" description; null picks the one that goes with <see cref="PendingCode"/>.</summary>
    public string? PendingDescription { get; set; }

    /// <summary>HTTP status of the "not ready" answer (observed: 400).</summary>
    public int PendingStatus { get; set; } = 400;

    /// <summary>Added latency per request, milliseconds.</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>Faults apply only to request paths containing this text (e.g. <c>/collect</c>); null: every path.</summary>
    public string? FaultPathContains { get; set; }

    /// <summary>Faults apply only to these HTTP methods (e.g. <c>GET</c>); empty: every method.</summary>
    public List<string> FaultMethods { get; set; } = [];

    /// <summary>Probability of a 5xx answer.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>The next N requests get a 5xx answer.</summary>
    public int ServerErrorBurst { get; set; }

    /// <summary>The 5xx status (500 or 503).</summary>
    public int ServerErrorStatus { get; set; } = 503;

    /// <summary>Probability of 429 Too Many Requests.</summary>
    public double TooManyRequestsRate { get; set; }

    /// <summary>The next N requests get 429.</summary>
    public int TooManyRequestsBurst { get; set; }

    /// <summary>Retry-After seconds sent with 429 (and with 503).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Probability that the connection is dropped before the request is handled.</summary>
    public double DropConnectionRate { get; set; }

    /// <summary>The next N requests have their connection dropped before they are handled.</summary>
    public int DropConnectionBurst { get; set; }

    /// <summary>Probability that a JSON answer is cut short (malformed).</summary>
    public double MalformedJsonRate { get; set; }

    /// <summary>The next N answers are cut short (malformed JSON).</summary>
    public int MalformedJsonBurst { get; set; }

    /// <summary>The next N enrolls create the order, then never answer in time (hang for <see cref="EnrollTimeoutSeconds"/>).</summary>
    public int EnrollTimeoutCount { get; set; }

    /// <summary>How long a timed-out enroll hangs before it answers anyway.</summary>
    public double EnrollTimeoutSeconds { get; set; } = 120;

    /// <summary>The next N enrolls create the order, then drop the connection instead of answering.</summary>
    public int EnrollDropCount { get; set; }

    /// <summary>Issue wrong certificates (to test the validator).</summary>
    public WrongCertificateMode WrongCertificate { get; set; }

    /// <summary>Code answered when a revoked certificate is collected: -110 (documented) or -192 (python-cert_manager).</summary>
    public int RevokedCode { get; set; } = -110;

    /// <summary>The revoked code in force: the preset's, else <see cref="RevokedCode"/>.</summary>
    public int EffectiveRevokedCode => RevokedPreset switch
    {
        RevokedAnswerPreset.Documented => -110,
        RevokedAnswerPreset.PythonCertManager => -192,
        _ => RevokedCode,
    };

    /// <summary>The pending code in force: the preset's, else <see cref="PendingCode"/>.</summary>
    public int EffectivePendingCode => PendingPreset switch
    {
        PendingAnswerPreset.BeingProcessed => 0,
        PendingAnswerPreset.NotCollectable => -183,
        PendingAnswerPreset.RequestInProcess => -1400,
        PendingAnswerPreset.NotAvailableNow => -109,
        PendingAnswerPreset.NotCollectedYet => -103,
        _ => PendingCode,
    };

    /// <summary>The pending HTTP status in force: 400 with a preset, else <see cref="PendingStatus"/>.</summary>
    public int EffectivePendingStatus => PendingPreset is null ? PendingStatus : 400;

    /// <summary>The description SCM pairs with the revoked code in force.</summary>
    public string EffectiveRevokedDescription => EffectiveRevokedCode == -192
        ? "The Certificate has been revoked!"
        : "Certificate has been revoked and cannot be downloaded.";

    /// <summary>The description SCM pairs with a pending code.</summary>
    public string EffectivePendingDescription => (PendingPreset is null ? PendingDescription : null) ?? EffectivePendingCode switch
    {
        -183 => "Certificate is not collectable.",
        -1400 => "The request is being processed by Sectigo.",
        -109 => "Certificate is not available now, please try again later.",
        -103 => "Certificate has not been collected yet.",
        _ => "Being processed by Sectigo",
    };
}
