namespace MpkiConnector.Storage;

/// <summary>
/// A journal that writes a step and its audit entries in one transaction, so that no crash leaves a journal step
/// without its audit entries or an audit entry for a step that was never written. A store that is both the
/// <see cref="IOrderJournal"/> and the <see cref="IAuditLog"/> should implement it; the issuance coordinator uses it
/// when the journal and the audit log are the same store, and writes the two apart otherwise.
/// </summary>
public interface IAuditedOrderJournal
{
    /// <summary>As <see cref="IOrderJournal.TryOpenOrderAsync"/>; the entries are appended only when the order was opened.</summary>
    Task<bool> TryOpenOrderAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="IOrderJournal.UpdateOrderAsync"/>, with the entries in the same transaction.</summary>
    Task UpdateOrderAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ICertificateStore.CompleteIssuanceAsync"/>, with the entries in the same transaction.</summary>
    Task CompleteIssuanceAsync(OrderRecord completedOrder, CertificateRecord certificate, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default);
}
