using MpkiConnector.Storage;

namespace MpkiConnector.Cli.Handlers;

/// <summary>An order as <c>orders list --json</c> prints it (no CSR, no key).</summary>
internal sealed record OrderView(
    string Id,
    string Address,
    string State,
    bool Open,
    string Provider,
    string? ProviderOrderId,
    string? CertificateType,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderView From(OrderRecord order) => new(
        order.Id,
        order.Address,
        order.State.ToString(),
        order.IsOpen,
        order.ProviderName,
        order.ProviderOrderId,
        order.CertificateType,
        order.Attempts,
        order.NextAttemptAt,
        order.LastError,
        order.CreatedAt,
        order.UpdatedAt);
}
