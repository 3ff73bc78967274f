using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Cli.Handlers;

/// <summary>Opens the configured store for reading commands.</summary>
internal static class StoreAccess
{
    /// <summary>The database file of the configuration, as a full path.</summary>
    public static string DatabasePath(CommandContext ctx, GatewayOptions options) =>
        Path.GetFullPath(options.Store.Path!, GatewayConfigLoader.BaseDirectory(ctx));

    /// <summary>Opens the store; a store that does not exist yet is "not found" (exit 4), not created.</summary>
    public static async Task<SqliteMpkiStore> OpenExistingAsync(CommandContext ctx, GatewayOptions options)
    {
        var path = DatabasePath(ctx, options);
        if (!File.Exists(path))
        {
            throw CliException.NotFound($"the store '{path}' does not exist yet (run 'mpki gateway run' or 'mpki demo' first, or check Store.Path)");
        }

        return await SqliteMpkiStore.OpenAsync(path, TimeProvider.System, ctx.CancellationToken).ConfigureAwait(false);
    }
}
