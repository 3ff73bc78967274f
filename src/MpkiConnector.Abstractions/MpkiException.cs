namespace MpkiConnector;

/// <summary>
/// A failure talking to a CA or handling its answer. The message never holds a secret (no password, no key).
/// </summary>
public class MpkiException : Exception
{
    /// <summary>Creates an exception of a kind.</summary>
    public MpkiException(MpkiErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates an exception of kind <see cref="MpkiErrorKind.Protocol"/>.</summary>
    public MpkiException()
        : this(MpkiErrorKind.Protocol, "The certificate authority's answer could not be used.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="MpkiErrorKind.Protocol"/>.</summary>
    public MpkiException(string message)
        : this(MpkiErrorKind.Protocol, message)
    {
    }

    /// <summary>Creates an exception of kind <see cref="MpkiErrorKind.Protocol"/>.</summary>
    public MpkiException(string message, Exception innerException)
        : this(MpkiErrorKind.Protocol, message, innerException)
    {
    }

    /// <summary>What went wrong, in categories a caller can act on.</summary>
    public MpkiErrorKind Kind { get; }

    /// <summary>The CA's own error code (for Sectigo the <c>code</c> of the error body), when known.</summary>
    public string? VendorCode { get; init; }

    /// <summary>The HTTP status of the CA's answer, when there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>How long the CA asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The one step an operator must take to fix this, when known (for example in the CA's portal).</summary>
    public string? Remediation { get; init; }

    /// <summary>Whether the same call may succeed later without anyone changing anything.</summary>
    public bool IsTransient => Kind is MpkiErrorKind.RateLimited or MpkiErrorKind.Unavailable;

    /// <summary>The message and, when known, the one step that fixes it (<c>... Fix: ...</c>): what journals, logs and reason files show.</summary>
    public string ReasonWithFix => string.IsNullOrWhiteSpace(Remediation) ? Message : $"{Message} Fix: {Remediation}";
}

/// <summary>Categories of <see cref="MpkiException"/>.</summary>
public enum MpkiErrorKind
{
    /// <summary>The CA's answer was malformed or unexpected.</summary>
    Protocol = 0,

    /// <summary>Login failed: unknown user, wrong password, unknown customer.</summary>
    Authentication,

    /// <summary>Logged in, but not allowed to do this.</summary>
    Authorization,

    /// <summary>The request was refused as invalid (bad CSR, term, type, field).</summary>
    InvalidRequest,

    /// <summary>The order, certificate or person does not exist.</summary>
    NotFound,

    /// <summary>Too many requests; wait <see cref="MpkiException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The CA could not be reached or failed (timeouts, 5xx, dropped connections).</summary>
    Unavailable,

    /// <summary>The CA refused to issue, or what it issued failed validation.</summary>
    Rejected,

    /// <summary>Our own configuration is wrong (unknown type, term not offered...).</summary>
    Configuration,

    /// <summary>A limit of the account is reached (for example certificates per person).</summary>
    LimitReached,
}
