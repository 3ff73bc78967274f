using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Hosting;

namespace MpkiConnector.Cli.Handlers;

/// <summary>Picks the provider account a command talks to at the CA: the one named, or the only one configured.</summary>
internal static class AtCaProvider
{
    public static IMpkiProvider Get(MpkiGateway gateway, string? name, string command)
    {
        var catalog = gateway.Services.GetRequiredService<IMpkiProviderCatalog>();
        if (!string.IsNullOrWhiteSpace(name))
        {
            return catalog.Get(name);
        }

        return catalog.Names.Count == 1
            ? catalog.Get(catalog.Names.First())
            : throw CliException.Configuration(
                $"{command}: name the provider account with --provider (configured: {(catalog.Names.Count == 0 ? "none" : string.Join(", ", catalog.Names))})");
    }

    /// <summary>Every configured account, or the one named.</summary>
    public static IReadOnlyList<IMpkiProvider> All(MpkiGateway gateway, string? name)
    {
        var catalog = gateway.Services.GetRequiredService<IMpkiProviderCatalog>();
        return string.IsNullOrWhiteSpace(name) ? [.. catalog.Names.Select(catalog.Get)] : [catalog.Get(name)];
    }
}
