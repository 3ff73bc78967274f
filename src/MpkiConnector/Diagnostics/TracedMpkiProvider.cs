using System.Diagnostics;

namespace MpkiConnector.Diagnostics;

/// <summary>Wraps a provider so that each call is an activity of <see cref="MpkiActivitySources"/>, with the vendor code on failure.</summary>
internal sealed class TracedMpkiProvider(IMpkiProvider inner) : IMpkiProvider
{
    public string Name => inner.Name;

    public MpkiCapabilities Capabilities => inner.Capabilities;

    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) =>
        TraceAsync("discover", () => inner.DiscoverAsync(cancellationToken));

    public Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) =>
        TraceAsync("submit", () => inner.SubmitAsync(request, cancellationToken));

    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) =>
        TraceAsync("find", () => inner.FindOrderAsync(request, cancellationToken));

    public Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default) =>
        TraceAsync("collect", () => inner.CollectAsync(order, cancellationToken), result => result.GetType().Name);

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) =>
        TraceAsync("revoke", async () => { await inner.RevokeAsync(request, cancellationToken).ConfigureAwait(false); return true; });

    /// <summary>Returns <paramref name="provider"/> wrapped, unless it is wrapped already.</summary>
    public static IMpkiProvider Wrap(IMpkiProvider provider) => provider is TracedMpkiProvider ? provider : new TracedMpkiProvider(provider);

    private async Task<T> TraceAsync<T>(string operation, Func<Task<T>> call, Func<T, string>? outcome = null)
    {
        using var activity = MpkiActivitySources.Source.StartActivity("mpki.provider." + operation, ActivityKind.Client);
        activity?.SetTag("mpki.provider", inner.Name);
        try
        {
            var result = await call().ConfigureAwait(false);
            if (outcome is not null)
            {
                activity?.SetTag("mpki.provider.result", outcome(result));
            }

            return result;
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            throw;
        }
    }
}
