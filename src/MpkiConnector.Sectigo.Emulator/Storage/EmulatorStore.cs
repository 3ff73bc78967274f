using Dapper;
using Microsoft.Data.Sqlite;

namespace MpkiConnector.Sectigo.Emulator.Storage;

/// <summary>The emulator's SQLite state: orders, certificates and persons (enrollment endpoints: <c>WebFormStore</c>). Access is serialised (one writer).</summary>
internal sealed class EmulatorStore : IDisposable
{
    private const string OrderColumns =
        "Id, CustomerUri, Login, Kind, OrgId, CertType, Term, Email, FirstName, MiddleName, LastName, CommonName, Comments, Csr, " +
        "PersonId, CustomFields, State, CreatedAt, CollectCount, IssuedAt, Serial, CertDer, NotAfter, RevokedAt, ReasonCode, Reason, " +
        "RenewedFrom, SubjectText, KeyType";

    private const string PersonColumns =
        "Id, CustomerUri, FirstName, MiddleName, LastName, Email, OrganizationId, ValidationType, Phone, CommonName, SecondaryEmails, " +
        "Eppn, Upn, CreatedAt, ModifiedAt";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private EmulatorStore(string connectionString) => _connectionString = connectionString;

    public static async Task<EmulatorStore> OpenAsync(string path, long firstOrderNumber, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path) && !OperatingSystem.IsWindows())
        {
            await using (new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
            }
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 };
        var store = new EmulatorStore(builder.ToString());
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS Orders (
                Id INTEGER PRIMARY KEY AUTOINCREMENT, CustomerUri TEXT NOT NULL, Login TEXT NOT NULL, Kind TEXT NOT NULL,
                OrgId INTEGER NOT NULL, CertType INTEGER NOT NULL, Term INTEGER NOT NULL, Email TEXT, FirstName TEXT, MiddleName TEXT,
                LastName TEXT, CommonName TEXT, Comments TEXT, Csr TEXT NOT NULL, PersonId INTEGER, CustomFields TEXT,
                State TEXT NOT NULL, CreatedAt INTEGER NOT NULL, CollectCount INTEGER NOT NULL DEFAULT 0, IssuedAt INTEGER,
                Serial TEXT, CertDer BLOB, NotAfter INTEGER, RevokedAt INTEGER, ReasonCode INTEGER, Reason TEXT, RenewedFrom INTEGER,
                SubjectText TEXT, KeyType TEXT);
            CREATE INDEX IF NOT EXISTS IX_Orders_Customer_Email ON Orders (CustomerUri, Email);
            CREATE INDEX IF NOT EXISTS IX_Orders_Serial ON Orders (Serial);
            CREATE TABLE IF NOT EXISTS Persons (
                Id INTEGER PRIMARY KEY AUTOINCREMENT, CustomerUri TEXT NOT NULL, FirstName TEXT NOT NULL, MiddleName TEXT,
                LastName TEXT NOT NULL, Email TEXT NOT NULL, OrganizationId INTEGER NOT NULL, ValidationType TEXT NOT NULL,
                Phone TEXT, CommonName TEXT, SecondaryEmails TEXT, Eppn TEXT, Upn TEXT, CreatedAt INTEGER NOT NULL,
                ModifiedAt INTEGER NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS UX_Persons_Customer_Email ON Persons (CustomerUri, Email COLLATE NOCASE);
            """,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Enrollment.EnrollmentSchema.Sql, cancellationToken: cancellationToken));
        var seeded = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'Orders'", cancellationToken: cancellationToken));
        if (seeded == 0 && firstOrderNumber > 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sqlite_sequence (name, seq) VALUES ('Orders', @seq), ('Persons', @pseq)",
                new { seq = firstOrderNumber - 1, pseq = 100 },
                cancellationToken: cancellationToken));
        }

        return store;
    }

    public Task<long> InsertOrderAsync(OrderRow order, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO Orders (CustomerUri, Login, Kind, OrgId, CertType, Term, Email, FirstName, MiddleName, LastName, CommonName,
                Comments, Csr, PersonId, CustomFields, State, CreatedAt, CollectCount, RenewedFrom, KeyType)
            VALUES (@CustomerUri, @Login, @Kind, @OrgId, @CertType, @Term, @Email, @FirstName, @MiddleName, @LastName, @CommonName,
                @Comments, @Csr, @PersonId, @CustomFields, @State, @CreatedAt, 0, @RenewedFrom, @KeyType);
            SELECT last_insert_rowid();
            """,
            order,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<OrderRow?> GetOrderAsync(string customerUri, long id, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            $"SELECT {OrderColumns} FROM Orders WHERE CustomerUri = @customerUri AND Id = @id",
            new { customerUri, id },
            cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<OrderRow>> FindOrdersBySerialAsync(string customerUri, string serial, CancellationToken cancellationToken = default) =>
        (await WithConnectionAsync(c => c.QueryAsync<OrderRow>(new CommandDefinition(
            $"SELECT {OrderColumns} FROM Orders WHERE CustomerUri = @customerUri AND Serial = @serial",
            new { customerUri, serial },
            cancellationToken: cancellationToken)), cancellationToken)).AsList();

    public async Task<(IReadOnlyList<OrderRow> Items, long Total)> ListOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default)
    {
        var where = "CustomerUri = @CustomerUri";
        where += query.Kind is null ? string.Empty : " AND Kind = @Kind";
        where += query.State is null ? string.Empty : " AND State = @State";
        where += query.Email is null ? string.Empty : " AND Email = @Email COLLATE NOCASE";
        where += query.Serial is null ? string.Empty : " AND Serial = @Serial";
        where += query.Id is null ? string.Empty : " AND Id = @Id";
        where += query.CertType is null ? string.Empty : " AND CertType = @CertType";
        where += query.PersonId is null ? string.Empty : " AND PersonId = @PersonId";
        where += query.CommonName is null ? string.Empty : " AND CommonName = @CommonName COLLATE NOCASE";
        where += query.OrgId is null ? string.Empty : " AND OrgId = @OrgId";
        return await WithConnectionAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM Orders WHERE {where}", query, cancellationToken: cancellationToken));
            var items = await c.QueryAsync<OrderRow>(new CommandDefinition(
                $"SELECT {OrderColumns} FROM Orders WHERE {where} ORDER BY Id LIMIT @Size OFFSET @Position",
                query,
                cancellationToken: cancellationToken));
            return ((IReadOnlyList<OrderRow>)items.AsList(), total);
        }, cancellationToken);
    }

    public Task<long> CountOrdersAsync(string? customerUri, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            customerUri is null ? "SELECT COUNT(*) FROM Orders" : "SELECT COUNT(*) FROM Orders WHERE CustomerUri = @customerUri",
            new { customerUri },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<long> CountValidCertificatesAsync(string customerUri, string email, long now, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM Orders WHERE CustomerUri = @customerUri AND Email = @email COLLATE NOCASE
              AND (State = 'requested' OR (State = 'issued' AND NotAfter > @now))
            """,
            new { customerUri, email, now },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> IncrementCollectAsync(long id, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            "UPDATE Orders SET CollectCount = CollectCount + 1 WHERE Id = @id", new { id }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> MarkIssuedAsync(long id, string serial, byte[] der, long issuedAt, long notAfter, string subject, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Orders SET State = 'issued', Serial = @serial, CertDer = @der, IssuedAt = @issuedAt, NotAfter = @notAfter, SubjectText = @subject
            WHERE Id = @id AND State IN ('requested', 'approved')
            """,
            new { id, serial, der, issuedAt, notAfter, subject },
            cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<OrderRow>> ListUnsettledOrdersAsync(string customerUri, CancellationToken cancellationToken = default) =>
        (await WithConnectionAsync(c => c.QueryAsync<OrderRow>(new CommandDefinition(
            $"SELECT {OrderColumns} FROM Orders WHERE CustomerUri = @customerUri AND State IN ('requested', 'approved') ORDER BY Id",
            new { customerUri },
            cancellationToken: cancellationToken)), cancellationToken)).AsList();

    /// <summary>Moves an unsettled order to <paramref name="state"/> (approved or rejected); 0 when it was settled already.</summary>
    public Task<int> MarkSettledAsync(long id, string state, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            "UPDATE Orders SET State = @state WHERE Id = @id AND State IN ('requested', 'approved')",
            new { id, state },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> MarkRevokedAsync(long id, long revokedAt, long? reasonCode, string? reason, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            "UPDATE Orders SET State = 'revoked', RevokedAt = @revokedAt, ReasonCode = @reasonCode, Reason = @reason WHERE Id = @id",
            new { id, revokedAt, reasonCode, reason },
            cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<(string Serial, long RevokedAt)>> ListRevokedAsync(CancellationToken cancellationToken = default) =>
        (await WithConnectionAsync(c => c.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT Serial, RevokedAt FROM Orders WHERE State = 'revoked' AND Serial IS NOT NULL ORDER BY Id",
            cancellationToken: cancellationToken)), cancellationToken)).AsList();

    public Task<PersonRow?> GetPersonAsync(string customerUri, long id, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<PersonRow>(new CommandDefinition(
            $"SELECT {PersonColumns} FROM Persons WHERE CustomerUri = @customerUri AND Id = @id",
            new { customerUri, id },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<PersonRow?> FindPersonByEmailAsync(string customerUri, string email, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<PersonRow>(new CommandDefinition(
            $"SELECT {PersonColumns} FROM Persons WHERE CustomerUri = @customerUri AND Email = @email COLLATE NOCASE",
            new { customerUri, email },
            cancellationToken: cancellationToken)), cancellationToken);

    public async Task<(IReadOnlyList<PersonRow> Items, long Total)> ListPersonsAsync(
        string customerUri, string? email, int position, int size, CancellationToken cancellationToken = default)
    {
        var where = "CustomerUri = @customerUri" + (email is null ? string.Empty : " AND Email = @email COLLATE NOCASE");
        var args = new { customerUri, email, position, size };
        return await WithConnectionAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM Persons WHERE {where}", args, cancellationToken: cancellationToken));
            var items = await c.QueryAsync<PersonRow>(new CommandDefinition(
                $"SELECT {PersonColumns} FROM Persons WHERE {where} ORDER BY Id LIMIT @size OFFSET @position", args,
                cancellationToken: cancellationToken));
            return ((IReadOnlyList<PersonRow>)items.AsList(), total);
        }, cancellationToken);
    }

    public Task<long> InsertPersonAsync(PersonRow person, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO Persons (CustomerUri, FirstName, MiddleName, LastName, Email, OrganizationId, ValidationType, Phone, CommonName,
                SecondaryEmails, Eppn, Upn, CreatedAt, ModifiedAt)
            VALUES (@CustomerUri, @FirstName, @MiddleName, @LastName, @Email, @OrganizationId, @ValidationType, @Phone, @CommonName,
                @SecondaryEmails, @Eppn, @Upn, @CreatedAt, @ModifiedAt);
            SELECT last_insert_rowid();
            """,
            person,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> UpdatePersonAsync(PersonRow person, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Persons SET FirstName = @FirstName, MiddleName = @MiddleName, LastName = @LastName, Email = @Email,
                OrganizationId = @OrganizationId, ValidationType = @ValidationType, Phone = @Phone, CommonName = @CommonName,
                SecondaryEmails = @SecondaryEmails, Eppn = @Eppn, Upn = @Upn, ModifiedAt = @ModifiedAt
            WHERE CustomerUri = @CustomerUri AND Id = @Id
            """,
            person,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> DeletePersonAsync(string customerUri, long id, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM Persons WHERE CustomerUri = @customerUri AND Id = @id", new { customerUri, id },
            cancellationToken: cancellationToken)), cancellationToken);

    public void Dispose() => _gate.Dispose();

    /// <summary>Runs <paramref name="work"/> on a fresh connection, serialised with every other access.</summary>
    public async Task<T> WithConnectionAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
