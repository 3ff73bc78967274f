using MpkiConnector.Storage.PostgreSql;

namespace MpkiConnector.Gateway.Configuration;

/// <summary>The store: SQLite (one node, the default) or PostgreSQL (several nodes sharing one database).</summary>
public sealed class StoreOptions
{
    /// <summary>The value of <see cref="Provider"/> for the embedded SQLite store.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>The value of <see cref="Provider"/> for the shared PostgreSQL store.</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// SQLite: the database file (relative paths are relative to the configuration file); required. PostgreSQL:
    /// optional; its folder holds this node's own files (provider state), by default the spool's parent folder.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// PostgreSQL: the Npgsql connection string (<c>Host=db1;Database=mpki;Username=mpki</c>). Give the one with
    /// the password through the environment (<c>MPKI__Store__ConnectionString</c>), not this file; it is never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether <see cref="Provider"/> selects PostgreSQL.</summary>
    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every mistake in these settings, one line each, naming the setting (never quoting the connection string).</summary>
    public IEnumerable<string> Validate()
    {
        if (IsPostgreSql)
        {
            if (new PostgreSqlStoreOptions { ConnectionString = ConnectionString ?? "" }.Validate() is { } problem)
            {
                yield return "Store.ConnectionString: " + problem;
            }
        }
        else if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Store.Provider: '{Provider}' is not a store (use Sqlite or PostgreSql).";
        }
        else if (string.IsNullOrWhiteSpace(Path))
        {
            yield return "Store.Path: missing. Set it to the SQLite database file, e.g. \"data/mpki.db\".";
        }
    }
}
