using Microsoft.Extensions.Configuration;
using MpkiConnector.Gateway.Configuration;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>The hosted gateway's configuration section, prepared once (<see cref="GatewaySetup.Prepare"/>) for the validator and the service.</summary>
internal sealed class GatewayHostSetup
{
    private readonly IConfiguration _section;
    private readonly string _contentRoot;
    private readonly Lock _lock = new();
    private (GatewaySetup? Setup, IReadOnlyList<string> Errors)? _prepared;

    public GatewayHostSetup(IConfiguration section, string contentRoot)
    {
        _section = section;
        _contentRoot = contentRoot;
    }

    /// <summary>The prepared setup, or the mistakes, each prefixed with the section's path (<c>Gateway.Store.Provider: ...</c>).</summary>
    public (GatewaySetup? Setup, IReadOnlyList<string> Errors) Prepare(GatewayBuildOptions build)
    {
        lock (_lock)
        {
            return _prepared ??= PrepareOnce(build);
        }
    }

    private (GatewaySetup?, IReadOnlyList<string>) PrepareOnce(GatewayBuildOptions build)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(_section, shouldDisposeConfiguration: false)
            .AddInMemoryCollection(build.Overrides)
            .Build();
        if (build.ProviderFactories.Count == 0)
        {
            return (null, ["AddMpkiGateway: no provider factory was added (GatewayHostOptions.Build.ProviderFactories); add one for each provider Type the configuration uses."]);
        }

        try
        {
            return (GatewaySetup.Prepare(configuration, _contentRoot, build), []);
        }
        catch (GatewayConfigurationException ex)
        {
            return (null, ex.Errors.Select(Prefix).ToList());
        }
    }

    private string Prefix(string error) =>
        _section is IConfigurationSection { Path.Length: > 0 } section
            ? section.Path.Replace(':', '.') + "." + error
            : error;
}
