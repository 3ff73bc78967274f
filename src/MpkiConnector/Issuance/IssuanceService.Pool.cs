using MpkiConnector.Storage;

namespace MpkiConnector.Issuance;

/// <summary>Opening an order with a key from the pool.</summary>
internal sealed partial class IssuanceService
{
    private readonly KeyPool? _pool;

    private static KeyPool? CreatePool(IssuanceOptions options, IReadOnlyList<IKeyProvider> keyProviders, IKeyPoolStore? store, Microsoft.Extensions.Logging.ILogger logger, CancellationToken stopping) =>
        options.KeyPoolSize > 0 && store is not null && keyProviders.OfType<SoftwareKeyProvider>().FirstOrDefault() is { } software
            ? new KeyPool(software, store, options, logger, stopping)
            : null;

    /// <summary>
    /// Journals <paramref name="order"/> with a pooled key and its CSR in one transaction. Null when the pool does not
    /// serve this request (the caller generates a key); the outcome otherwise.
    /// </summary>
    private async Task<(PooledOrderOpening Outcome, OrderRecord Order)?> TryOpenWithPooledKeyAsync(
        IKeyProvider keyProvider, IssuanceRequest request, OrderRecord order, CancellationToken cancellationToken)
    {
        if (_pool is null || keyProvider is not SoftwareKeyProvider software || !_pool.Pools(request.KeyAlgorithm))
        {
            return null;
        }

        var opened = order;
        Diagnostics.KillPoints.Reach("journal.order.intent.before");
        var outcome = await _pool.TryOpenOrderAsync(request.KeyAlgorithm, stored =>
        {
            using var key = software.Open(stored);
            opened = order with { KeyId = stored.Id, CsrPem = CsrBuilder.Create(key, request.Kind, order.Address, request.DisplayName) };
            return opened;
        }, cancellationToken).ConfigureAwait(false);
        Diagnostics.KillPoints.Reach("journal.order.intent.after");
        return outcome == PooledOrderOpening.PoolEmpty ? null : (outcome, opened);
    }
}
