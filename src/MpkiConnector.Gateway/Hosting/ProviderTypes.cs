using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Plugins;
using MpkiConnector.Plugins;
using MpkiConnector.Sectigo;
using MpkiConnector.Testing;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>
/// The provider types a gateway can create: the built-ins (<c>sectigo</c>; <c>emulator</c>, the same Sectigo client
/// pointed at a local SCM emulator; <c>fake</c>, the in-memory fake CA) and the plugins of the plugins folder.
/// </summary>
internal sealed class ProviderTypes
{
    public const string Sectigo = "sectigo";
    public const string Emulator = "emulator";
    public const string Fake = "fake";

    private readonly Dictionary<string, LoadedProviderFactory> _plugins;

    public ProviderTypes(IReadOnlyList<LoadedProviderFactory> plugins)
    {
        _plugins = new Dictionary<string, LoadedProviderFactory>(StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in plugins)
        {
            if (IsBuiltIn(plugin.Type))
            {
                throw new GatewayConfigurationException($"PluginsFolder: the plugin '{Path.GetFileName(plugin.AssemblyPath)}' claims the built-in provider type '{plugin.Type}'; give it another Type.");
            }

            _plugins[plugin.Type] = plugin;
        }
    }

    public IReadOnlyCollection<string> Known => [Sectigo, Emulator, Fake, .. _plugins.Keys];

    public static bool IsBuiltIn(string type) =>
        type.Equals(Sectigo, StringComparison.OrdinalIgnoreCase) || type.Equals(Emulator, StringComparison.OrdinalIgnoreCase) || type.Equals(Fake, StringComparison.OrdinalIgnoreCase);

    /// <summary>Registers the account <paramref name="name"/> of the (validated) type in its section.</summary>
    public void Register(MpkiConnectorBuilder builder, string name, string type, IConfigurationSection section, TimeProvider time, string dataDirectory)
    {
        if (type.Equals(Sectigo, StringComparison.OrdinalIgnoreCase) || type.Equals(Emulator, StringComparison.OrdinalIgnoreCase))
        {
            builder.AddSectigo(name, section);
            return;
        }

        if (type.Equals(Fake, StringComparison.OrdinalIgnoreCase))
        {
            builder.AddProvider(name, (services, providerName) =>
            {
                var options = new FakeMpkiProviderOptions();
                section.Bind(options);
                return new FakeMpkiProvider(providerName, options, services.GetService<TimeProvider>());
            });
            return;
        }

        var plugin = _plugins[type];
        var settings = GatewayConfigurationLoader.Flatten(section);
        builder.AddProvider(name, (_, providerName) =>
        {
            var folder = Path.Combine(dataDirectory, "providers", providerName);
            Directory.CreateDirectory(folder);
            return plugin.Factory.Create(new MpkiProviderFactoryContext(providerName, settings, time) { DataDirectory = folder });
        });
    }
}
