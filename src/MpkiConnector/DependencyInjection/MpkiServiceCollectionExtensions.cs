using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MpkiConnector.DependencyInjection;

/// <summary>DI entry point: <c>services.AddMpkiConnector().AddSectigo(...)</c>.</summary>
public static class MpkiServiceCollectionExtensions
{
    /// <summary>Adds the MpkiConnector core services and returns a builder for providers and stores.</summary>
    public static MpkiConnectorBuilder AddMpkiConnector(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMpkiProviderCatalog, MpkiProviderCatalog>();
        return new MpkiConnectorBuilder(services);
    }
}
