using MpkiConnector.Testing;

namespace MpkiConnector.Tests;

/// <summary>
/// Wraps the shared <see cref="FakeMpkiProvider"/> with scripted errors: a submit error thrown before the CA is reached
/// (as while reading the account), or a collect error for an order the CA holds (an answer we could not read).
/// Not disposable, so a container does not dispose the shared CA.
/// </summary>
internal sealed class FaultingProviderFake(FakeMpkiProvider inner) : IMpkiProvider
{
    public Queue<MpkiException> SubmitFaults { get; } = new();

    public Queue<MpkiException> CollectFaults { get; } = new();

    public string Name => inner.Name;

    public MpkiCapabilities Capabilities => inner.Capabilities;

    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) => inner.DiscoverAsync(cancellationToken);

    public Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) =>
        SubmitFaults.TryDequeue(out var fault) ? throw fault : inner.SubmitAsync(request, cancellationToken);

    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) => inner.FindOrderAsync(request, cancellationToken);

    public async Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        var result = await inner.CollectAsync(order, cancellationToken);
        return CollectFaults.TryDequeue(out var fault) ? throw fault : result;
    }

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) => inner.RevokeAsync(request, cancellationToken);
}
