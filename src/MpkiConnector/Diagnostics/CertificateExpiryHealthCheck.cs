using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MpkiConnector.Storage;

namespace MpkiConnector.Diagnostics;

/// <summary>No active certificate is within <see cref="MpkiHealthCheckOptions.ExpiryWarningDays"/> of expiry without a renewal in progress.</summary>
internal sealed class CertificateExpiryHealthCheck(
    ICertificateStore certificates, IOrderJournal journal, IOptions<MpkiHealthCheckOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var horizon = time.GetUtcNow().AddDays(options.Value.ExpiryWarningDays);
        var expiring = await certificates.ListCertificatesAsync(
            new CertificateQuery { Status = CertificateStatus.Active, NotAfterBefore = horizon }, cancellationToken).ConfigureAwait(false);
        var unattended = 0;
        foreach (var certificate in expiring)
        {
            if (await journal.GetOpenOrderAsync(certificate.Address, cancellationToken).ConfigureAwait(false) is null)
            {
                unattended++;
            }
        }

        return unattended == 0
            ? HealthCheckResult.Healthy($"No certificate expires within {options.Value.ExpiryWarningDays} days without a renewal in progress.")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"{unattended} certificate(s) expire within {options.Value.ExpiryWarningDays} days without a renewal in progress.");
    }
}
