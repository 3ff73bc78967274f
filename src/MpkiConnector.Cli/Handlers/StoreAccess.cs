using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

/// <summary>For commands that only read or change what is in the store: a store that does not exist yet is "not found".</summary>
internal static class StoreAccess
{
    /// <summary>Throws (exit 4) when the configured store file does not exist, rather than creating an empty one.</summary>
    public static void RequireExisting(CommandContext ctx)
    {
        var configured = ctx.Configuration["Store:Path"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return; // the gateway's validation names the missing setting
        }

        var path = Path.GetFullPath(configured, Path.GetDirectoryName(ctx.ConfigPath) ?? Environment.CurrentDirectory);
        if (!File.Exists(path))
        {
            throw CliException.NotFound($"the store '{path}' does not exist yet (run 'mpki gateway run' or 'mpki demo' first, or check Store.Path)");
        }
    }
}
