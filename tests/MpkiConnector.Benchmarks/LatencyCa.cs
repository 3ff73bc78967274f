using System.Collections.Concurrent;
using MpkiConnector.Testing;

namespace MpkiConnector.Benchmarks;

/// <summary>A fake CA with a latency per request and an issuance delay after the order (the emulator's knobs, in process).</summary>
internal sealed class LatencyCa(FakeMpkiProvider inner, TimeSpan perRequest, TimeSpan issueAfter) : IMpkiProvider
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _submitted = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    public MpkiCapabilities Capabilities => inner.Capabilities;

    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) => inner.DiscoverAsync(cancellationToken);

    public async Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        await DelayAsync(cancellationToken).ConfigureAwait(false);
        var order = await inner.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        _submitted[order.OrderId] = DateTimeOffset.UtcNow;
        return order;
    }

    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) => inner.FindOrderAsync(request, cancellationToken);

    public async Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        await DelayAsync(cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.UtcNow - _submitted[order.OrderId] < issueAfter
            ? new MpkiCollectResult.Pending(null, "Being processed")
            : await inner.CollectAsync(order, cancellationToken).ConfigureAwait(false);
    }

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) => inner.RevokeAsync(request, cancellationToken);

    private Task DelayAsync(CancellationToken cancellationToken) =>
        perRequest > TimeSpan.Zero ? Task.Delay(perRequest, cancellationToken) : Task.CompletedTask;
}
