using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MpkiConnector.Diagnostics;

/// <summary>Registers the MpkiConnector health checks on <c>services.AddHealthChecks()</c>.</summary>
public static class MpkiHealthChecksBuilderExtensions
{
    /// <summary>The name of the check that every provider account is reachable with its credentials accepted.</summary>
    public const string ProvidersCheckName = "mpki-providers";

    /// <summary>The name of the check that no certificate is about to expire without a renewal in progress.</summary>
    public const string CertificateExpiryCheckName = "mpki-certificate-expiry";

    /// <summary>
    /// Adds <see cref="ProvidersCheckName"/> and <see cref="CertificateExpiryCheckName"/> (tags <c>mpki</c>). The store's
    /// own check comes with the store package (<c>AddMpkiSqliteStore()</c>, <c>AddMpkiPostgreSqlStore()</c>).
    /// </summary>
    public static IHealthChecksBuilder AddMpkiConnector(this IHealthChecksBuilder builder, Action<MpkiHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<MpkiHealthCheckOptions>()
            .Validate(o => o.ExpiryWarningDays >= 0, "ExpiryWarningDays must not be negative.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder
            .AddCheck<ProviderHealthCheck>(ProvidersCheckName, tags: ["mpki"])
            .AddCheck<CertificateExpiryHealthCheck>(CertificateExpiryCheckName, tags: ["mpki"]);
    }
}
