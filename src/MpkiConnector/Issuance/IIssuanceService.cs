namespace MpkiConnector.Issuance;

/// <summary>
/// The journaled issuance coordinator. Steps, each written to the order journal before the CA is called:
/// key -> CSR -> intent -> submit -> submitted (the CA's order id) -> collect until issued or rejected (honouring the
/// CA's retry-after, bounded by <see cref="IssuanceOptions"/>) -> validate -> store as active.
/// An interrupted issuance (killed process, other process) is adopted from its journaled state: an order that may
/// have reached the CA is looked up (<see cref="IMpkiProvider.FindOrderAsync"/>), never resubmitted blindly.
/// One issuance at a time per address in a process: concurrent callers for one address share one task.
/// </summary>
public interface IIssuanceService
{
    /// <summary>Issues (or finishes issuing) a certificate for an address.</summary>
    /// <returns>
    /// <see cref="IssuanceResult.Issued"/>, <see cref="IssuanceResult.Pending"/> (the order stays open) or
    /// <see cref="IssuanceResult.Failed"/>. Only cancellation and unexpected faults (store down) throw.
    /// </returns>
    Task<IssuanceResult> IssueAsync(IssuanceRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Continues every open order of the journal that is due (at start-up, and periodically); one result per order. An
    /// order whose next attempt (a retry-after or a back-off kept in the journal) is still ahead is left until then: its
    /// result is <see cref="IssuanceResult.Pending"/> and the CA is not asked.
    /// </summary>
    Task<IReadOnlyList<IssuanceResult>> ResumeOpenOrdersAsync(CancellationToken cancellationToken = default);
}
