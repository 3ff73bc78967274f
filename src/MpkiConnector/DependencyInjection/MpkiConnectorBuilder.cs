using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MpkiConnector.DependencyInjection;

/// <summary>Returned by <see cref="MpkiServiceCollectionExtensions.AddMpkiConnector"/>: adds providers, stores and key providers.</summary>
public sealed class MpkiConnectorBuilder
{
    internal MpkiConnectorBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a named provider account. The provider is a keyed singleton (<see cref="IMpkiProvider"/> keyed by
    /// <paramref name="name"/>) and is found through <see cref="IMpkiProviderCatalog"/>.
    /// </summary>
    public MpkiConnectorBuilder AddProvider(string name, Func<IServiceProvider, string, IMpkiProvider> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IMpkiProvider) && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"A provider named '{name}' is already registered.");
        }

        Services.AddKeyedSingleton<IMpkiProvider>(name, (sp, key) => factory(sp, (string)key!));
        Services.AddSingleton(new MpkiProviderRegistration(name));
        return this;
    }

    /// <summary>Configures the software key provider (the key-encryption key or the variable that holds it).</summary>
    public MpkiConnectorBuilder ConfigureKeys(Action<MpkiKeyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Configures the bounds and back-off of the issuance coordinator.</summary>
    public MpkiConnectorBuilder ConfigureIssuance(Action<Issuance.IssuanceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Configures the renewal policy (overlap, jitter).</summary>
    public MpkiConnectorBuilder ConfigureRenewal(Action<Renewal.RenewalOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
