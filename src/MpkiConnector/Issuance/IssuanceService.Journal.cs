using MpkiConnector.Storage;

namespace MpkiConnector.Issuance;

/// <summary>
/// Journal steps with their audit entries: in one transaction when the journal is also the audit log and can
/// (<see cref="IAuditedOrderJournal"/>), so that no crash leaves one without the other; one after the other otherwise.
/// </summary>
internal sealed partial class IssuanceService
{
    private IAuditedOrderJournal? Audited => _journal is IAuditedOrderJournal audited && ReferenceEquals(_journal, _audit) ? audited : null;

    private AuditEntry Entry(string action, OrderRecord order, string detail) =>
        new(_time.GetUtcNow(), action, order.Address, $"order {order.Id}: {detail}");

    private async Task<bool> TryOpenAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        Diagnostics.KillPoints.Reach($"journal.{Step(audit)}.before");
        if (Audited is { } audited)
        {
            var done = await audited.TryOpenOrderAsync(order, audit, cancellationToken).ConfigureAwait(false);
            Diagnostics.KillPoints.Reach($"journal.{Step(audit)}.after");
            return done;
        }

        var opened = await _journal.TryOpenOrderAsync(order, cancellationToken).ConfigureAwait(false);
        if (opened)
        {
            await AppendAsync(audit, cancellationToken).ConfigureAwait(false);
        }

        return opened;
    }

    private async Task UpdateAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        Diagnostics.KillPoints.Reach($"journal.{Step(audit)}.before");
        if (audit.Count > 0 && Audited is { } audited)
        {
            await audited.UpdateOrderAsync(order, audit, cancellationToken).ConfigureAwait(false);
            Diagnostics.KillPoints.Reach($"journal.{Step(audit)}.after");
            return;
        }

        await _journal.UpdateOrderAsync(order, cancellationToken).ConfigureAwait(false);
        await AppendAsync(audit, cancellationToken).ConfigureAwait(false);
    }

    private async Task CompleteAsync(OrderRecord completed, CertificateRecord record, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        Diagnostics.KillPoints.Reach($"journal.{Step(audit)}.before");
        if (Audited is { } audited)
        {
            await audited.CompleteIssuanceAsync(completed, record, audit, cancellationToken).ConfigureAwait(false);
            Diagnostics.KillPoints.Reach($"journal.{Step(audit)}.after");
            return;
        }

        await _certificates.CompleteIssuanceAsync(completed, record, cancellationToken).ConfigureAwait(false);
        await AppendAsync(audit, cancellationToken).ConfigureAwait(false);
    }

    private static string Step(IReadOnlyList<AuditEntry> audit) => audit.Count == 0 ? "update" : audit[^1].Action;

    private async Task AppendAsync(IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken)
    {
        foreach (var entry in audit)
        {
            await _audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private AuditEntry IntentEntry(OrderRecord order, IssuanceRequest request) =>
        Entry("order.intent", order, $"provider {order.ProviderName}, key {order.KeyId} ({request.KeyAlgorithm})"
            + (order.RenewsCertificateId is null ? string.Empty : $", renews {order.RenewsCertificateId}"));

    private Task AuditAsync(string action, OrderRecord order, string detail, CancellationToken cancellationToken) =>
        _audit.AppendAsync(Entry(action, order, detail), cancellationToken);
}
