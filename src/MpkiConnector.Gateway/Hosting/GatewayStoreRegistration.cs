using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Configuration;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>Registers the store <see cref="StoreOptions.Provider"/> names: SQLite (default) or PostgreSQL.</summary>
internal static class GatewayStoreRegistration
{
    /// <summary>Adds the store; returns this node's own data folder (provider state).</summary>
    public static string AddStore(MpkiConnectorBuilder mpki, GatewayOptions options)
    {
        var store = options.Store;
        var dataDirectory = store.Path is { Length: > 0 } path
            ? Path.GetDirectoryName(path)!
            : Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(options.Folders.Spool))!;
        Spool.DurableFile.CreateFolder(dataDirectory);
        if (store.IsPostgreSql)
        {
            mpki.AddPostgreSqlStore(store.ConnectionString!);
        }
        else
        {
            mpki.AddSqliteStore(store.Path!);
        }

        return dataDirectory;
    }
}
