using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpkiConnector.Storage;
using MpkiConnector.Storage.PostgreSql;
using MpkiConnector.Storage.PostgreSql.Internal;

namespace MpkiConnector.DependencyInjection;

/// <summary>Registers the PostgreSQL store: <c>services.AddMpkiConnector().AddPostgreSqlStore("Host=db1;Database=mpki;Username=mpki")</c>.</summary>
public static class PostgreSqlStoreBuilderExtensions
{
    /// <summary>
    /// Registers one <see cref="PostgreSqlMpkiStore"/> (one connection pool) over <paramref name="connectionString"/>
    /// as <see cref="IKeyStore"/>, <see cref="IOrderJournal"/>, <see cref="ICertificateStore"/>, <see cref="IAuditLog"/>
    /// and <see cref="IGatewayStateStore"/>. The tables are created and migrated at first use.
    /// </summary>
    public static MpkiConnectorBuilder AddPostgreSqlStore(this MpkiConnectorBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.AddPostgreSqlStore(options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Registers the PostgreSQL store with options (validated at start), for every store interface. The tables are
    /// created and migrated at first use (or call <see cref="PostgreSqlMpkiStore.InitializeAsync"/>).
    /// </summary>
    public static MpkiConnectorBuilder AddPostgreSqlStore(this MpkiConnectorBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PostgreSqlStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PostgreSqlMpkiStore(
            sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PostgreSqlMpkiStore>>()));
        services.TryAddSingleton<IKeyStore>(sp => sp.GetRequiredService<PostgreSqlMpkiStore>());
        services.TryAddSingleton<IKeyPoolStore>(sp => sp.GetRequiredService<PostgreSqlMpkiStore>());
        services.TryAddSingleton<IOrderJournal>(sp => sp.GetRequiredService<PostgreSqlMpkiStore>());
        services.TryAddSingleton<ICertificateStore>(sp => sp.GetRequiredService<PostgreSqlMpkiStore>());
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<PostgreSqlMpkiStore>());
        services.TryAddSingleton<IGatewayStateStore>(sp => sp.GetRequiredService<PostgreSqlMpkiStore>());
        services.TryAddSingleton<IProviderTrustStore>(sp => sp.GetRequiredService<PostgreSqlMpkiStore>());
        services.TryAddSingleton<IKeyEncryptionKeyBinding>(sp => sp.GetRequiredService<PostgreSqlMpkiStore>());
        return builder;
    }
}
