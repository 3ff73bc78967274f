using Microsoft.Extensions.Logging;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;

namespace MpkiConnector;

/// <summary>
/// Software keys generated ahead in the background (<see cref="IssuanceOptions.KeyPoolSize"/> per algorithm, topped up
/// when it falls to <see cref="IssuanceOptions.KeyPoolLowWater"/>), so an order does not wait for RSA key generation.
/// The algorithms in <see cref="IssuanceOptions.KeyPoolAlgorithms"/> are filled at start; an RSA algorithm is pooled
/// from its first use on. Pooled keys are sealed and stored like every software key.
/// </summary>
internal sealed class KeyPool
{
    private readonly SoftwareKeyProvider _keys;
    private readonly IKeyPoolStore _store;
    private readonly IssuanceOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly Dictionary<MpkiKeyAlgorithm, Task> _filling = [];

    public KeyPool(SoftwareKeyProvider keys, IKeyPoolStore store, IssuanceOptions options, ILogger logger, CancellationToken stopping)
    {
        _keys = keys;
        _store = store;
        _options = options;
        _logger = logger;
        _stopping = stopping;
        foreach (var algorithm in options.KeyPoolAlgorithms)
        {
            Refill(algorithm);
        }
    }

    /// <summary>Whether keys of this algorithm are taken from the pool.</summary>
    public bool Pools(MpkiKeyAlgorithm algorithm) =>
        _options.KeyPoolSize > 0 && (_options.KeyPoolAlgorithms.Contains(algorithm)
            || algorithm is MpkiKeyAlgorithm.Rsa2048 or MpkiKeyAlgorithm.Rsa3072 or MpkiKeyAlgorithm.Rsa4096);

    /// <summary>Journals an order with a pooled key (see <see cref="IKeyPoolStore.TryOpenOrderWithPooledKeyAsync"/>), then tops the pool up.</summary>
    public async Task<PooledOrderOpening> TryOpenOrderAsync(MpkiKeyAlgorithm algorithm, Func<StoredKey, OrderRecord> createOrder, CancellationToken cancellationToken)
    {
        try
        {
            return await _store.TryOpenOrderWithPooledKeyAsync(SoftwareKeyProvider.ProviderKind, algorithm, createOrder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Refill(algorithm);
        }
    }

    private void Refill(MpkiKeyAlgorithm algorithm)
    {
        lock (_filling)
        {
            if (_filling.TryGetValue(algorithm, out var running) && !running.IsCompleted)
            {
                return;
            }

            _filling[algorithm] = Task.Run(() => FillAsync(algorithm));
        }
    }

    private async Task FillAsync(MpkiKeyAlgorithm algorithm)
    {
        try
        {
            var count = await _store.CountPooledKeysAsync(SoftwareKeyProvider.ProviderKind, algorithm, _stopping).ConfigureAwait(false);
            if (count > _options.KeyPoolLowWater && count > 0)
            {
                return;
            }

            for (; count < _options.KeyPoolSize && !_stopping.IsCancellationRequested; count++)
            {
                var key = await _keys.CreateSealedAsync(algorithm, _stopping).ConfigureAwait(false);
                await _store.AddPooledKeyAsync(key, _stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a failed top-up only means the next order generates its key; the next take tries again
        catch (Exception ex)
#pragma warning restore CA1031
        {
            IssuanceLog.KeyPoolFillFailed(_logger, algorithm, ex);
        }
    }
}
