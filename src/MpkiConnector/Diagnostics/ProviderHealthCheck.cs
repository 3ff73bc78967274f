using Microsoft.Extensions.Diagnostics.HealthChecks;
using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Diagnostics;

/// <summary>Each configured provider account answers discovery: it is reachable and accepts the credentials.</summary>
internal sealed class ProviderHealthCheck(IMpkiProviderCatalog catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failures = new List<string>();
        foreach (var name in catalog.Names)
        {
            try
            {
                await TracedMpkiProvider.Wrap(catalog.Get(name)).DiscoverAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MpkiException ex)
            {
                failures.Add($"{name}: {ex.Kind}" + (ex.VendorCode is null ? string.Empty : $" (code {ex.VendorCode})"));
            }
        }

        return failures.Count == 0
            ? HealthCheckResult.Healthy($"{catalog.Names.Count} provider account(s) reachable, credentials accepted.")
            : new HealthCheckResult(context.Registration.FailureStatus, "Provider accounts failing: " + string.Join("; ", failures));
    }
}
