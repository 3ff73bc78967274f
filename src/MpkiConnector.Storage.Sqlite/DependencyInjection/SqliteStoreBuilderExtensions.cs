using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpkiConnector.Storage;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.DependencyInjection;

/// <summary>Registers the SQLite store: <c>services.AddMpkiConnector().AddSqliteStore("data/mpki.db")</c>.</summary>
public static class SqliteStoreBuilderExtensions
{
    /// <summary>
    /// Registers one <see cref="SqliteMpkiStore"/> over <paramref name="databasePath"/> as <see cref="IKeyStore"/>,
    /// <see cref="IOrderJournal"/>, <see cref="ICertificateStore"/>, <see cref="IAuditLog"/> and
    /// <see cref="IGatewayStateStore"/> and <see cref="IKeyEncryptionKeyBinding"/>. The database is created and migrated at first use.
    /// </summary>
    public static MpkiConnectorBuilder AddSqliteStore(this MpkiConnectorBuilder builder, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return builder.AddSqliteStore(options => options.DatabasePath = databasePath);
    }

    /// <summary>
    /// Registers the SQLite store with options (validated at start), for every store interface. The database is
    /// created and migrated at first use (or call <see cref="SqliteMpkiStore.InitializeAsync"/>).
    /// </summary>
    public static MpkiConnectorBuilder AddSqliteStore(this MpkiConnectorBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteStoreOptions>()
            .Configure(configure)
            .Validate(options => options.Validate() is null, "The SQLite store options are invalid: it needs a DatabasePath and a busy timeout between 1 ms and 10 minutes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteMpkiStore(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SqliteMpkiStore>>()));
        services.TryAddSingleton<IKeyStore>(sp => sp.GetRequiredService<SqliteMpkiStore>());
        services.TryAddSingleton<IKeyPoolStore>(sp => sp.GetRequiredService<SqliteMpkiStore>());
        services.TryAddSingleton<IOrderJournal>(sp => sp.GetRequiredService<SqliteMpkiStore>());
        services.TryAddSingleton<ICertificateStore>(sp => sp.GetRequiredService<SqliteMpkiStore>());
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteMpkiStore>());
        services.TryAddSingleton<IGatewayStateStore>(sp => sp.GetRequiredService<SqliteMpkiStore>());
        services.TryAddSingleton<IProviderTrustStore>(sp => sp.GetRequiredService<SqliteMpkiStore>());
        services.TryAddSingleton<IKeyEncryptionKeyBinding>(sp => sp.GetRequiredService<SqliteMpkiStore>());
        return builder;
    }
}
