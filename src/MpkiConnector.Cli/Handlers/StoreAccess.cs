using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

/// <summary>For commands that only read or change what is in the store: a store that does not exist yet is "not found".</summary>
internal static class StoreAccess
{
    /// <summary>Throws (exit 4) when the configured SQLite store file does not exist, rather than creating an empty one.</summary>
    public static void RequireExisting(CommandContext ctx)
    {
        var configured = ctx.Configuration["Store:Path"];
        if (string.IsNullOrWhiteSpace(configured) ||
            string.Equals(ctx.Configuration["Store:Provider"], Gateway.Configuration.StoreOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            return; // the gateway's validation names a missing setting; a PostgreSQL store is a server's, not a file
        }

        var path = Path.GetFullPath(configured, Path.GetDirectoryName(ctx.ConfigPath) ?? Environment.CurrentDirectory);
        if (!File.Exists(path))
        {
            throw CliException.NotFound($"the store '{path}' does not exist yet (run 'mpki gateway run' or 'mpki demo' first, or check Store.Path)");
        }
    }
}
