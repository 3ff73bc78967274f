namespace MpkiConnector.TestUtils;

/// <summary>
/// Wraps a shared provider (the CA outlives our process) with a simulated crash of our process right after a CA call;
/// it is not disposable, so a container does not dispose the shared CA.
/// </summary>
public sealed class CrashingProviderFake(IMpkiProvider inner, CrashPoint crash) : IMpkiProvider
{
    public string Name => inner.Name;

    public MpkiCapabilities Capabilities => inner.Capabilities;

    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) => inner.DiscoverAsync(cancellationToken);

    public async Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        var order = await inner.SubmitAsync(request, cancellationToken);
        if (crash == CrashPoint.AfterSubmitAcceptedAtCa)
        {
            throw new SimulatedCrashException("Simulated crash after the CA accepted the order.");
        }

        return order;
    }

    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) => inner.FindOrderAsync(request, cancellationToken);

    public async Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        var result = await inner.CollectAsync(order, cancellationToken);
        if (crash == CrashPoint.AfterCollectIssued && result is MpkiCollectResult.Issued)
        {
            throw new SimulatedCrashException("Simulated crash after the certificate was collected.");
        }

        return result;
    }

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) => inner.RevokeAsync(request, cancellationToken);
}
