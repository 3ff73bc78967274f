using MpkiConnector.Storage;

namespace MpkiConnector.Issuance;

/// <summary>The outcome of <see cref="IIssuanceService.IssueAsync"/>: issued, pending or failed.</summary>
public abstract record IssuanceResult
{
    private protected IssuanceResult()
    {
    }

    /// <summary>The address this result is about (normalised).</summary>
    public required string Address { get; init; }

    /// <summary>A validated certificate is stored as active.</summary>
    /// <param name="Certificate">The stored certificate.</param>
    public sealed record Issued(CertificateRecord Certificate) : IssuanceResult
    {
        /// <summary>Whether the certificate was already active before this call (nothing was ordered).</summary>
        public bool AlreadyActive { get; init; }
    }

    /// <summary>
    /// The order is open (journaled) and not finished within the configured bound; it is resumed by a later
    /// <see cref="IIssuanceService.IssueAsync"/> for the address or by <see cref="IIssuanceService.ResumeOpenOrdersAsync"/>.
    /// </summary>
    /// <param name="OrderId">Our journal id of the order.</param>
    /// <param name="NextAttemptAt">When the CA should be asked again.</param>
    /// <param name="Status">What we wait for (the CA's status, or the last transient error).</param>
    public sealed record Pending(string OrderId, DateTimeOffset? NextAttemptAt, string? Status) : IssuanceResult;

    /// <summary>No certificate: the CA refused, the answer failed validation, or the request or configuration is wrong.</summary>
    /// <param name="Reason">Why, for operators (no secrets).</param>
    /// <param name="Kind">The category of failure.</param>
    public sealed record Failed(string Reason, MpkiErrorKind Kind) : IssuanceResult
    {
        /// <summary>Our journal id of the order, when one was opened.</summary>
        public string? OrderId { get; init; }

        /// <summary>
        /// Whether the order stays open (an operator-fixable error, such as a login failure, after the CA accepted the
        /// order): it is resumed later and no second order is placed.
        /// </summary>
        public bool OrderStillOpen { get; init; }
    }
}
