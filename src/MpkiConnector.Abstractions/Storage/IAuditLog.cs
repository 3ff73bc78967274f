namespace MpkiConnector.Storage;

/// <summary>An append-only trail of what the connector did.</summary>
public interface IAuditLog
{
    /// <summary>Appends one entry.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The newest entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, string? address = null, CancellationToken cancellationToken = default);
}

/// <summary>One audit entry. Never holds a secret.</summary>
/// <param name="At">When.</param>
/// <param name="Action">What, as a short verb phrase (<c>order.submitted</c>, <c>certificate.issued</c>...).</param>
/// <param name="Address">Which address, if any.</param>
/// <param name="Detail">Free text.</param>
public sealed record AuditEntry(DateTimeOffset At, string Action, string? Address, string? Detail);
