namespace MpkiConnector.Tpm;

/// <summary>
/// The outcome of a TPM enrollment (<see cref="TpmEnrollmentService.EnrollAsync"/>, <see cref="TpmEnrollmentService.ResumeAsync"/>):
/// installed, pending at the CA (the order and its TPM key stay journaled), or failed for good.
/// </summary>
public abstract record TpmEnrollmentResult
{
    private protected TpmEnrollmentResult()
    {
    }

    /// <summary>The e-mail address or device name (normalised).</summary>
    public required string Address { get; init; }

    /// <summary>The certificate is issued, validated, stored and installed beside its TPM key.</summary>
    /// <param name="Certificate">The installed certificate.</param>
    public sealed record Installed(TpmCertificate Certificate) : TpmEnrollmentResult;

    /// <summary>
    /// The CA has not issued within the wait bound (<c>IssuanceOptions.MaxWait</c>), or a transient error is being retried.
    /// The order stays in the journal with its TPM key; the same enrollment again, or
    /// <see cref="TpmEnrollmentService.ResumeAsync"/> (<c>mpki tpm enroll --resume</c>), completes and installs it.
    /// </summary>
    /// <param name="OrderId">Our journal id of the order.</param>
    /// <param name="KeyReference">Where its key lives in the TPM (the persistent handle), when known.</param>
    /// <param name="NextAttemptAt">When the CA should be asked again.</param>
    /// <param name="Status">What we wait for (the CA's status, or the last transient error).</param>
    public sealed record Pending(string OrderId, string? KeyReference, DateTimeOffset? NextAttemptAt, string? Status) : TpmEnrollmentResult;

    /// <summary>
    /// No certificate: the CA refused, its answer failed validation, or the request (algorithm, subject, provider) is
    /// wrong. An order that ended this way has had its key removed from the TPM.
    /// </summary>
    /// <param name="Reason">Why, for operators (no secrets).</param>
    /// <param name="Kind">The category of failure.</param>
    public sealed record Failed(string Reason, MpkiErrorKind Kind) : TpmEnrollmentResult;
}
