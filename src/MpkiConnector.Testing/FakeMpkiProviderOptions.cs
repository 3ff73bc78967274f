namespace MpkiConnector.Testing;

/// <summary>
/// The knobs of <see cref="FakeMpkiProvider"/>. They are read at each call, so a test may change them while the provider
/// is in use; the counters (<c>...Count</c>) go down by one each time they act.
/// </summary>
public sealed class FakeMpkiProviderOptions
{
    /// <summary>What the fake CA can do. Default: revoke, find order, device certificates.</summary>
    public MpkiCapabilities Capabilities { get; set; } = MpkiCapabilities.Revoke | MpkiCapabilities.FindOrder | MpkiCapabilities.DeviceCertificates;

    /// <summary>Answer each order <see cref="MpkiCollectResult.Pending"/> this many times before issuing it.</summary>
    public int PendingCount { get; set; }

    /// <summary>The retry-after of pending answers.</summary>
    public TimeSpan? PendingRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Reject every order at collect with <see cref="RejectReason"/>.</summary>
    public bool Reject { get; set; }

    /// <summary>The reason of a rejection.</summary>
    public string RejectReason { get; set; } = "Declined by the fake CA.";

    /// <summary>The next this-many submits fail with a transient error (Unavailable) before creating an order.</summary>
    public int SubmitFailureCount { get; set; }

    /// <summary>The next this-many collects fail with a transient error (Unavailable).</summary>
    public int CollectFailureCount { get; set; }

    /// <summary>The next this-many submits create the order at the CA but then throw Unavailable (the answer is lost).</summary>
    public int LoseSubmitAnswerCount { get; set; }

    /// <summary>Issue this kind of wrong certificate instead of a correct one.</summary>
    public FakeWrongCertificate WrongCertificate { get; set; }

    /// <summary>The term in days when the request does not give one. Default 365.</summary>
    public int DefaultTermDays { get; set; } = 365;

    /// <summary>The certificate types <see cref="FakeMpkiProvider.DiscoverAsync"/> reports.</summary>
    public IReadOnlyList<MpkiCertificateType> CertificateTypes { get; set; } =
    [
        new("fake-smime", "Fake S/MIME", [365, 730], new Dictionary<string, IReadOnlyList<string>>
        {
            ["RSA"] = ["2048", "3072", "4096"],
            ["EC"] = ["P-256", "P-384"],
        }),
    ];
}
