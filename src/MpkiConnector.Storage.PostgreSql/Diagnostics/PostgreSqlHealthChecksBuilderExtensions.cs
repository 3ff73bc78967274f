using Microsoft.Extensions.DependencyInjection;

namespace MpkiConnector.Storage.PostgreSql.Diagnostics;

/// <summary>Registers the PostgreSQL store's health check on <c>services.AddHealthChecks()</c>.</summary>
public static class PostgreSqlHealthChecksBuilderExtensions
{
    /// <summary>The name of the check that the store is writable (the same as the SQLite store's).</summary>
    public const string StoreCheckName = "mpki-store";

    /// <summary>
    /// Adds <see cref="StoreCheckName"/> (tags <c>mpki</c>): the store registered with <c>AddPostgreSqlStore</c> is
    /// writable (server reachable, schema migrated, not a standby, not read-only, the role may insert and update).
    /// </summary>
    public static IHealthChecksBuilder AddMpkiPostgreSqlStore(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<PostgreSqlStoreHealthCheck>(StoreCheckName, tags: ["mpki"]);
    }
}
