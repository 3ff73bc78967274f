using Microsoft.Extensions.Configuration;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Configuration;

namespace MpkiConnector.Cli.Handlers;

/// <summary>Binds and validates the gateway configuration; every mistake becomes one line naming the setting (exit 2).</summary>
internal static class GatewayConfigLoader
{
    public static GatewayOptions Load(CommandContext ctx, IConfiguration? configuration = null)
    {
        configuration ??= ctx.Configuration;
        var options = new GatewayOptions();
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw CliException.Configuration($"configuration '{ctx.ConfigPath}': {ex.Message}");
        }

        var errors = GatewayOptionsValidator.Validate(options, knownProviderTypes: null, environment: null, baseDirectory: BaseDirectory(ctx));
        if (errors.Count > 0)
        {
            throw CliException.Configuration($"configuration '{ctx.ConfigPath}': {string.Join("; ", errors)}");
        }

        return options;
    }

    /// <summary>The folder relative paths in the configuration are relative to.</summary>
    public static string BaseDirectory(CommandContext ctx) => Path.GetDirectoryName(ctx.ConfigPath) ?? Environment.CurrentDirectory;
}
