using Dapper;
using Microsoft.Data.Sqlite;

namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>The one-time enrollment links, in their own table of the emulator's SQLite file.</summary>
internal sealed class EnrollmentLinkStore : IDisposable
{
    private const string Columns =
        "TokenHash, CustomerUri, Kind, Email, FirstName, LastName, DeviceName, OrgId, ProfileId, Term, KeyType, CreatedAt, ExpiresAt, CorrelationId, OrderId";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _created;

    public EnrollmentLinkStore(ScmEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.DataDirectory, "scm-emulator.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
    }

    public Task InsertAsync(EnrollmentLinkRow link, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO EnrollmentLinks ({Columns}) VALUES (@TokenHash, @CustomerUri, @Kind, @Email, @FirstName, @LastName, @DeviceName, " +
            "@OrgId, @ProfileId, @Term, @KeyType, @CreatedAt, @ExpiresAt, @CorrelationId, @OrderId)",
            link,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<EnrollmentLinkRow?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<EnrollmentLinkRow>(new CommandDefinition(
            $"SELECT {Columns} FROM EnrollmentLinks WHERE TokenHash = @tokenHash", new { tokenHash }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Marks the link used by this correlation id and order; false when another submit consumed it first.</summary>
    public async Task<bool> ConsumeAsync(string tokenHash, string correlationId, long orderId, CancellationToken cancellationToken = default) =>
        await WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            "UPDATE EnrollmentLinks SET CorrelationId = @correlationId, OrderId = @orderId WHERE TokenHash = @tokenHash AND CorrelationId IS NULL",
            new { tokenHash, correlationId, orderId },
            cancellationToken: cancellationToken)), cancellationToken) == 1;

    public void Dispose() => _gate.Dispose();

    private async Task<T> WithConnectionAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            if (!_created)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    CREATE TABLE IF NOT EXISTS EnrollmentLinks (
                        TokenHash TEXT PRIMARY KEY, CustomerUri TEXT NOT NULL, Kind TEXT NOT NULL, Email TEXT NOT NULL, FirstName TEXT,
                        LastName TEXT, DeviceName TEXT, OrgId INTEGER NOT NULL, ProfileId INTEGER NOT NULL, Term INTEGER NOT NULL,
                        KeyType TEXT NOT NULL, CreatedAt INTEGER NOT NULL, ExpiresAt INTEGER NOT NULL, CorrelationId TEXT, OrderId INTEGER);
                    """,
                    cancellationToken: cancellationToken));
                _created = true;
            }

            return await work(connection);
        }
        finally
        {
            _gate.Release();
        }
    }
}
