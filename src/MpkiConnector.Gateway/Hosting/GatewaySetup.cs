using Microsoft.Extensions.Configuration;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Plugins;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>
/// The first half of building a gateway, without side effects on the store or the folders: the options bound and
/// validated, the plugins loaded, the key-encryption key resolved. <see cref="MpkiGateway.Build"/> is the second half.
/// </summary>
internal sealed record GatewaySetup(
    IConfiguration Configuration,
    GatewayOptions Options,
    string BaseDirectory,
    IReadOnlyList<LoadedProviderFactory> Plugins,
    ProviderTypes ProviderTypes,
    byte[] KeyEncryptionKey)
{
    /// <summary>Every mistake is a <see cref="GatewayConfigurationException"/> with one line per mistake, each naming its setting.</summary>
    public static GatewaySetup Prepare(IConfiguration configuration, string baseDirectory, GatewayBuildOptions build)
    {
        var options = GatewayConfigurationLoader.Bind(configuration, baseDirectory);
        var plugins = !string.IsNullOrWhiteSpace(options.PluginsFolder) && Directory.Exists(options.PluginsFolder)
            ? ProviderPluginLoader.Load(options.PluginsFolder)
            : [];
        var providerTypes = new ProviderTypes(build.ProviderFactories, plugins);
        Func<string, string?> environment = build.Environment is null
            ? System.Environment.GetEnvironmentVariable
            : name => build.Environment.TryGetValue(name, out var value) ? value : null;
        GatewayOptionsValidator.ThrowIfInvalid(options, providerTypes.Known, environment, baseDirectory);
        KeyEncryptionKeyReference.TryResolve(options.KeyEncryptionKey, environment, baseDirectory, out var kek, out _);
        return new GatewaySetup(configuration, options, baseDirectory, plugins, providerTypes, kek!);
    }
}
