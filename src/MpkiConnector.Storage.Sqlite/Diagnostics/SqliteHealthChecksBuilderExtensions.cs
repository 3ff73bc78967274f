using Microsoft.Extensions.DependencyInjection;

namespace MpkiConnector.Storage.Sqlite.Diagnostics;

/// <summary>Registers the SQLite store's health check on <c>services.AddHealthChecks()</c>.</summary>
public static class SqliteHealthChecksBuilderExtensions
{
    /// <summary>The name of the check that the store is writable.</summary>
    public const string StoreCheckName = "mpki-store";

    /// <summary>Adds <see cref="StoreCheckName"/> (tags <c>mpki</c>): the store registered with <c>AddSqliteStore</c> is writable.</summary>
    public static IHealthChecksBuilder AddMpkiSqliteStore(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<SqliteStoreHealthCheck>(StoreCheckName, tags: ["mpki"]);
    }
}
