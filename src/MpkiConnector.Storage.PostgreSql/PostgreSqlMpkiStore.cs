using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MpkiConnector.Storage.PostgreSql.Internal;
using Npgsql;

namespace MpkiConnector.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL store, for several gateway nodes sharing one database: keys (sealed or references), the order
/// journal with one open order per address across every node (a unique partial index), certificates with their
/// history, recipient certificates, managed domains, senders and the audit log. Connections come from one pooled
/// <see cref="NpgsqlDataSource"/> per store; writes that must be atomic run in transactions that take a per-address
/// advisory lock. The schema is migrated on first use (or by <see cref="InitializeAsync"/>), once, whatever the
/// number of nodes starting at the same time.
/// </summary>
public sealed partial class PostgreSqlMpkiStore : IKeyStore, IOrderJournal, ICertificateStore, IAuditLog, IGatewayStateStore, IKeyEncryptionKeyBinding, IAuditedOrderJournal, IProviderTrustStore, IDisposable, IAsyncDisposable
{
    /// <summary>The first key of the two-key advisory locks this store takes ("mpki"); the second is a hash of the address.</summary>
    private const int AddressLockSpace = 0x6D706B69;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _user;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;
    private bool _disposed;

    /// <summary>Creates a store over a database; nothing is opened until first use or <see cref="InitializeAsync"/>.</summary>
    /// <param name="options">The connection string.</param>
    /// <param name="timeProvider">The clock for the store's own timestamps (schema versions, domain updates).</param>
    /// <param name="logger">Where migrations are logged.</param>
    /// <exception cref="ArgumentException">The connection string is missing or malformed (the message never quotes it).</exception>
    public PostgreSqlMpkiStore(PostgreSqlStoreOptions options, TimeProvider? timeProvider = null, ILogger<PostgreSqlMpkiStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        builder.ApplicationName ??= "MpkiConnector";
        Server = $"{builder.Host}:{builder.Port}";
        _user = builder.Username ?? Environment.UserName;
        Database = builder.Database ?? _user;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The server as <c>host:port</c> (for messages; no credentials).</summary>
    public string Server { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary>The schema version this build migrates to.</summary>
    public static int LatestSchemaVersion => PgMigrations.All[^1].Version;

    /// <summary>Opens (creating the tables and migrating when needed) the store on the database of <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="time">The clock; the system clock when omitted.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static async Task<PostgreSqlMpkiStore> OpenAsync(string connectionString, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var store = new PostgreSqlMpkiStore(new PostgreSqlStoreOptions { ConnectionString = connectionString }, time);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Connects and applies the pending migrations in one transaction under an advisory lock, so that nodes starting
    /// at once migrate once. Idempotent; every operation calls it first.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The server cannot be reached, refuses the login, has no such database, or holds a schema newer than this build.
    /// </exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var version = await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                PostgreSqlStoreLog.SchemaReady(_logger, Database, Server, version);
            }

            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _dataSource.Dispose();
            _initializeLock.Dispose();
        }
    }

    /// <summary>Closes the pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            _initializeLock.Dispose();
        }
    }

    private async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(Command("SELECT pg_advisory_xact_lock(@key)", new { key = PgMigrations.MigrationLockKey }, transaction, cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(Command(PgMigrations.CreateVersionTable, null, transaction, cancellationToken)).ConfigureAwait(false);
            var current = await connection.ExecuteScalarAsync<int?>(Command("SELECT MAX(version) FROM schema_version", null, transaction, cancellationToken)).ConfigureAwait(false) ?? 0;
            if (current > LatestSchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database '{Database}' on {Server} has store schema version {current}, newer than this build supports ({LatestSchemaVersion}): " +
                    "another node runs a newer MpkiConnector. Update this node.");
            }

            var applied = new List<PgMigration>();
            foreach (var migration in PgMigrations.All.Where(m => m.Version > current).OrderBy(m => m.Version))
            {
                await connection.ExecuteAsync(Command(migration.Sql, null, transaction, cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(Command(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                    new { migration.Version, migration.Name, AppliedAt = PgValues.Instant(_time.GetUtcNow()) },
                    transaction,
                    cancellationToken)).ConfigureAwait(false);
                applied.Add(migration);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var migration in applied)
            {
                PostgreSqlStoreLog.MigrationApplied(_logger, migration.Version, migration.Name, Database, Server);
            }

            return applied.Count > 0 ? applied[^1].Version : current;
        }
    }

    /// <summary>Opens a pooled connection to the migrated database.</summary>
    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException exception) when (PgErrors.Explain(exception, Server, Database, _user) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>Starts a transaction that holds the advisory lock of <paramref name="address"/> until it ends.</summary>
    private static async Task<NpgsqlTransaction> BeginAddressWriteAsync(NpgsqlConnection connection, string address, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(Command(
                "SELECT pg_advisory_xact_lock(@space, hashtext(@address))", new { space = AddressLockSpace, address }, transaction, cancellationToken)).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static CommandDefinition Command(string sql, object? parameters, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    /// <summary>Runs a query on a pooled connection and maps each row to its record.</summary>
    private async Task<IReadOnlyList<TRecord>> QueryListAsync<TRow, TRecord>(string sql, object? parameters, Func<TRow, TRecord> map, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<TRow>(Command(sql, parameters, null, cancellationToken)).ConfigureAwait(false);
            return rows.Select(map).ToList();
        }
    }

    /// <summary>Runs one statement on a pooled connection; returns the number of rows it changed.</summary>
    private async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.ExecuteAsync(Command(sql, parameters, null, cancellationToken)).ConfigureAwait(false);
        }
    }
}
