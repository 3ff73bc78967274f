using MpkiConnector.Issuance;

namespace MpkiConnector.Gateway.Renewal;

/// <summary>
/// One line of the renewal report: a certificate due for renewal (or revoked) and what became of it. When a
/// replacement was asked for, <see cref="Issuance"/> is the core issuance result itself; otherwise
/// <see cref="Skipped"/> says why none was (dry run, back-off, domain no longer managed, overlap misfit).
/// </summary>
/// <param name="Address">Its address.</param>
/// <param name="SerialNumber">Its serial number.</param>
/// <param name="NotAfter">Its end of validity.</param>
/// <param name="Reason">Why it is renewed.</param>
public sealed record RenewalItem(string Address, string SerialNumber, DateTimeOffset NotAfter, RenewalReason Reason)
{
    /// <summary>The issuance of its replacement, when one was asked for.</summary>
    public IssuanceResult? Issuance { get; init; }

    /// <summary>Why no issuance was asked for (<see cref="RenewalResult.Planned"/>, <see cref="RenewalResult.BackingOff"/>, <see cref="RenewalResult.NotManaged"/> or <see cref="RenewalResult.Failed"/> for a misfit).</summary>
    public RenewalResult? Skipped { get; init; }

    /// <summary>Why it was skipped, in words.</summary>
    public string? SkippedBecause { get; init; }

    /// <summary>The line's result, read from <see cref="Issuance"/> or <see cref="Skipped"/>.</summary>
    public RenewalResult Result => Issuance switch
    {
        IssuanceResult.Issued => RenewalResult.Renewed,
        IssuanceResult.Pending => RenewalResult.Pending,
        IssuanceResult.Failed => RenewalResult.Failed,
        _ => Skipped ?? RenewalResult.Failed,
    };

    /// <summary>More words: the new serial number, what the CA is waiting for, the error, or why it was skipped.</summary>
    public string? Detail => Issuance switch
    {
        IssuanceResult.Issued issued => $"new serial {issued.Certificate.SerialNumber}",
        IssuanceResult.Pending pending => pending.Status,
        IssuanceResult.Failed failed => failed.Reason,
        _ => SkippedBecause,
    };
}
