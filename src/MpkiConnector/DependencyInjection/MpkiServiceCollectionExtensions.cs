using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MpkiConnector.Issuance;
using MpkiConnector.Renewal;

namespace MpkiConnector.DependencyInjection;

/// <summary>DI entry point: <c>services.AddMpkiConnector().AddSectigo(...)</c>.</summary>
public static class MpkiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the MpkiConnector core services and returns a builder for providers and stores: the provider catalog, the
    /// software key provider (<see cref="SoftwareKeyProvider"/>, needs a key-encryption key: <see cref="MpkiKeyOptions"/>),
    /// the <see cref="CertificateValidator"/>, the issuance coordinator (<see cref="IIssuanceService"/>) and the
    /// <see cref="RenewalPolicy"/>, with their options validated at start. A store (for example <c>AddSqliteStore</c>)
    /// must be added for the key provider and the coordinator.
    /// </summary>
    public static MpkiConnectorBuilder AddMpkiConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMpkiProviderCatalog, MpkiProviderCatalog>();

        services.AddOptions<MpkiKeyOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MpkiKeyOptions>, MpkiKeyOptionsValidator>());
        services.AddOptions<IssuanceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IssuanceOptions>, IssuanceOptionsValidator>());
        services.AddOptions<RenewalOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RenewalOptions>, RenewalOptionsValidator>());

        services.TryAddSingleton<SoftwareKeyProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyProvider, SoftwareKeyProvider>(sp => sp.GetRequiredService<SoftwareKeyProvider>()));
        services.TryAddSingleton<CertificateTrustAnchors>();
        services.TryAddSingleton<CertificateValidator>();
        services.TryAddSingleton<RenewalPolicy>();
        services.TryAddSingleton<IIssuanceService, IssuanceService>();
        return new MpkiConnectorBuilder(services);
    }
}
