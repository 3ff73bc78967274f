using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>DI entry point for a Generic Host or worker service: <c>services.AddMpkiGateway(configuration.GetSection("Gateway"), ...)</c>.</summary>
public static class MpkiGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Runs the gateway as a hosted service. <paramref name="configuration"/> has the shape of <c>config/gateway.json</c>
    /// (providers, domains, store, folders...; relative paths are relative to the host's content root) and is
    /// validated when the host starts: a wrong setting stops the start with an <see cref="OptionsValidationException"/>
    /// that names it (<c>Gateway.Store.Provider: ...</c>). The gateway has its own services inside; it logs through the
    /// host's logging and uses the host's <see cref="TimeProvider"/> when one is registered.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The gateway's configuration section.</param>
    /// <param name="configure">Adds the provider factories (for example <c>new SectigoMpkiProviderFactory()</c>) and chooses what is served.</param>
    public static IServiceCollection AddMpkiGateway(this IServiceCollection services, IConfiguration configuration, Action<GatewayHostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(GatewayHostSetup)))
        {
            throw new InvalidOperationException("AddMpkiGateway was already called: a host runs one gateway.");
        }

        services.AddOptions<GatewayHostOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton(sp => new GatewayHostSetup(configuration, sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Environment.CurrentDirectory));
        services.AddSingleton<IValidateOptions<GatewayHostOptions>, GatewayHostOptionsValidator>();
        services.AddHostedService<GatewayHostedService>();
        return services;
    }
}
