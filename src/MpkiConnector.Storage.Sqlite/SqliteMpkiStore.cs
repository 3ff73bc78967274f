using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MpkiConnector.Storage.Sqlite.Internal;

namespace MpkiConnector.Storage.Sqlite;

/// <summary>
/// The SQLite store: keys, the order journal, certificates with their history, recipient certificates, managed
/// domains, senders and the audit log, in one database file (WAL mode, busy timeout, mode 0600 on Unix).
/// Several instances, in one process or several, may share one file: a connection is opened per operation and
/// writes that must be atomic run in <c>BEGIN IMMEDIATE</c> transactions. The schema is migrated on first use
/// (or by <see cref="InitializeAsync"/>).
/// </summary>
public sealed partial class SqliteMpkiStore : IKeyStore, IOrderJournal, ICertificateStore, IAuditLog, IGatewayStateStore, IKeyEncryptionKeyBinding, IAuditedOrderJournal, IProviderTrustStore, IDisposable
{
    private const int SqliteConstraint = 19;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;
    private bool _disposed;

    /// <summary>Creates a store over a database file; nothing is opened until first use or <see cref="InitializeAsync"/>.</summary>
    /// <param name="options">Where the database is and how long to wait for a lock.</param>
    /// <param name="timeProvider">The clock for the store's own timestamps (schema versions, domain updates).</param>
    /// <param name="logger">Where migrations are logged.</param>
    public SqliteMpkiStore(SqliteStoreOptions options, TimeProvider? timeProvider = null, ILogger<SqliteMpkiStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _busyTimeoutMilliseconds = (int)Math.Ceiling(options.BusyTimeout.TotalMilliseconds);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version this build migrates to.</summary>
    public static int LatestSchemaVersion => SqliteMigrations.All[^1].Version;

    /// <summary>Opens (creating and migrating when needed) the store at <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="time">The clock; the system clock when omitted.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    public static async Task<SqliteMpkiStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var store = new SqliteMpkiStore(new SqliteStoreOptions { DatabasePath = path }, time);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates the database file (mode 0600 on Unix) when missing, switches it to WAL and applies the pending
    /// migrations in one <c>BEGIN IMMEDIATE</c> transaction, so two processes opening a new file at once are safe.
    /// Idempotent; every operation calls it first.
    /// </summary>
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

            if (SqliteFileSecurity.EnsureFile(DatabasePath))
            {
                SqliteStoreLog.DatabaseCreated(_logger, DatabasePath);
            }

            try
            {
                var connection = await ConnectRawAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken)).ConfigureAwait(false);
                    var version = await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                    SqliteStoreLog.SchemaReady(_logger, DatabasePath, version);
                }
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt)
            {
                throw new InvalidOperationException($"The file {DatabasePath} is not an MpkiConnector SQLite database (or it is damaged).", exception);
            }

            foreach (var file in SqliteFileSecurity.Tighten(DatabasePath))
            {
                SqliteStoreLog.PermissionsTightened(_logger, file);
            }

            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <summary>Releases the connections pooled for this database.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initializeLock.Dispose();
    }

    private async Task<int> MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE takes the write lock first: a second process waits here, then sees the new version.
        using var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        await connection.ExecuteAsync(new CommandDefinition(SqliteMigrations.CreateVersionTable, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var current = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(version) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
        if (current > LatestSchemaVersion)
        {
            throw new InvalidOperationException(
                $"The database {DatabasePath} has schema version {current}, newer than this build supports ({LatestSchemaVersion}). Update MpkiConnector.");
        }

        var applied = new List<SqliteMigration>();
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = SqliteText.Instant(_time.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            applied.Add(migration);
        }

        transaction.Commit();
        foreach (var migration in applied)
        {
            SqliteStoreLog.MigrationApplied(_logger, migration.Version, migration.Name, DatabasePath);
        }

        return applied.Count > 0 ? applied[^1].Version : (int)current;
    }

    /// <summary>Opens a pooled connection to the migrated database.</summary>
    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await ConnectRawAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> ConnectRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition($"PRAGMA busy_timeout = {_busyTimeoutMilliseconds};", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts a write transaction that takes the database's write lock at once (BEGIN IMMEDIATE).</summary>
    private static SqliteTransaction BeginWrite(SqliteConnection connection) =>
        connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);

    private static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteErrorCode == SqliteConstraint && exception.SqliteExtendedErrorCode == SqliteConstraintUnique;

    private static bool IsPrimaryKeyViolation(SqliteException exception) =>
        exception.SqliteErrorCode == SqliteConstraint && exception.SqliteExtendedErrorCode == SqliteConstraintPrimaryKey;

    /// <summary>Runs a query on a new connection and maps each row to its record.</summary>
    private async Task<IReadOnlyList<TRecord>> QueryListAsync<TRow, TRecord>(string sql, object? parameters, Func<TRow, TRecord> map, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<TRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.Select(map).ToList();
        }
    }
}
