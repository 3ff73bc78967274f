using Microsoft.Extensions.Configuration;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Plugins;
using MpkiConnector.Plugins;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>
/// The provider types a gateway can create, each an <see cref="IMpkiProviderFactory"/>: the host's built-ins
/// (<see cref="GatewayBuildOptions.ProviderFactories"/>) and the plugins of the plugins folder, created the same way.
/// </summary>
internal sealed class ProviderTypes
{
    private readonly Dictionary<string, IMpkiProviderFactory> _factories = new(StringComparer.OrdinalIgnoreCase);

    public ProviderTypes(IEnumerable<IMpkiProviderFactory> builtIns, IReadOnlyList<LoadedProviderFactory> plugins)
    {
        foreach (var factory in builtIns)
        {
            if (!_factories.TryAdd(factory.Type, factory))
            {
                throw new ArgumentException($"Two built-in provider factories have the type '{factory.Type}'.", nameof(builtIns));
            }
        }

        foreach (var plugin in plugins)
        {
            if (!_factories.TryAdd(plugin.Type, plugin.Factory))
            {
                throw new GatewayConfigurationException($"PluginsFolder: the plugin '{Path.GetFileName(plugin.AssemblyPath)}' claims the built-in provider type '{plugin.Type}'; give it another Type.");
            }
        }
    }

    public IReadOnlyCollection<string> Known => _factories.Keys;

    /// <summary>Registers the account <paramref name="name"/> of the (validated) type; its factory gets the section flattened.</summary>
    public void Register(MpkiConnectorBuilder builder, string name, string type, IConfigurationSection section, TimeProvider time, string dataDirectory)
    {
        var factory = _factories[type];
        var settings = GatewayConfigurationLoader.Flatten(section);
        builder.AddProvider(name, (services, providerName) =>
        {
            var folder = Path.Combine(dataDirectory, "providers", providerName);
            Directory.CreateDirectory(folder);
            return factory.Create(new MpkiProviderFactoryContext(providerName, settings, time) { DataDirectory = folder, Services = services });
        });
    }
}
