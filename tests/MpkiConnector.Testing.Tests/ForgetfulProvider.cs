namespace MpkiConnector.Testing.Tests;

/// <summary>
/// A provider that breaks the contract on purpose (a fake, to prove the kit notices): it claims
/// <see cref="MpkiCapabilities.FindOrder"/> but never finds an order, and can throw a non-MPKI exception from discovery.
/// </summary>
internal sealed class ForgetfulProvider(FakeMpkiProvider inner) : IMpkiProvider
{
    public bool DiscoverThrows { get; init; }

    public string Name => "forgetful";

    public MpkiCapabilities Capabilities => inner.Capabilities;

    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) =>
        DiscoverThrows ? throw new InvalidOperationException("discovery broke") : inner.DiscoverAsync(cancellationToken);

    public Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) => inner.SubmitAsync(request, cancellationToken);

    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) => Task.FromResult<MpkiOrder?>(null);

    public Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default) => inner.CollectAsync(order, cancellationToken);

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) => inner.RevokeAsync(request, cancellationToken);
}
