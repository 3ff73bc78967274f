using Microsoft.Data.Sqlite;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Storage.PostgreSql;
using MpkiConnector.Storage.Sqlite;
using Npgsql;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki store copy --to CONNECTION</c>: the configured SQLite store into PostgreSQL, verified per table.</summary>
internal static class StoreHandlers
{
    public static async Task<int> CopyAsync(CommandContext ctx, string connectionString, bool replace, bool json)
    {
        if (string.Equals(ctx.Configuration["Store:Provider"], Gateway.Configuration.StoreOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Configuration($"{ctx.ConfigPath}: Store.Provider is PostgreSql; store copy copies the configured SQLite store (Store.Path) into PostgreSQL");
        }

        StoreAccess.RequireExisting(ctx);
        var configured = ctx.Configuration["Store:Path"] ?? throw CliException.Configuration("Store.Path: missing. Set it to the SQLite database file to copy.");
        var sqlitePath = Path.GetFullPath(configured, Path.GetDirectoryName(ctx.ConfigPath) ?? Environment.CurrentDirectory);
        if (new PostgreSqlStoreOptions { ConnectionString = connectionString }.Validate() is { } problem)
        {
            throw CliException.Configuration("--to: " + problem);
        }

        // Both stores at the latest schema first: the SQLite file migrates forward, PostgreSQL gets (or has) the same tables.
        using (await SqliteMpkiStore.OpenAsync(sqlitePath, cancellationToken: ctx.CancellationToken).ConfigureAwait(false))
        {
        }

        string target;
        try
        {
            await using var store = await PostgreSqlMpkiStore.OpenAsync(connectionString, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            target = $"{store.Server}/{store.Database}";
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ExitCodes.Storage, "--to: " + ex.Message, ex);
        }

        IReadOnlyList<TableCopy> tables;
        try
        {
            tables = await StoreCopier.CopyAsync(sqlitePath, connectionString, replace, ctx.CancellationToken).ConfigureAwait(false);
            SqliteConnection.ClearAllPools();
        }
        catch (StoreCopyException ex)
        {
            throw new CliException(ExitCodes.Storage, $"store copy to {target}: {ex.Message}", ex);
        }
        catch (PostgresException ex)
        {
            throw new CliException(ExitCodes.Storage, $"store copy to {target} failed, nothing was committed: {ex.MessageText}", ex);
        }

        if (json)
        {
            JsonOutput.Write(ctx, new { Source = sqlitePath, Target = target, Replaced = replace, Verified = true, Tables = tables });
            return ExitCodes.Success;
        }

        var width = tables.Max(t => t.Table.Length);
        foreach (var table in tables)
        {
            ctx.WriteLine($"{table.Table.PadRight(width)}  {table.Rows,9} rows  checksum {table.Checksum}");
        }

        ctx.WriteLine($"Copied {tables.Sum(t => t.Rows)} rows in {tables.Count} tables from {sqlitePath} to {target}; each table verified (row count and checksum read back).");
        ctx.WriteLine("Keys stay sealed under the same key-encryption key. Point the gateways at the copy: Store.Provider \"PostgreSql\" and the connection string in MPKI__Store__ConnectionString.");
        return ExitCodes.Success;
    }
}
