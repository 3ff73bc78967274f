using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage.PostgreSql;

namespace MpkiConnector.Storage.Conformance.IntegrationTests.PostgreSql;

/// <summary>The conformance suite on PostgreSQL: a new database per test in the collection's throwaway cluster.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConformanceTests(PostgreSqlFixture fixture) : StoreConformanceTests<PostgreSqlMpkiStore>
{
    private string _connectionString = "";

    protected override async Task CreateDatabaseAsync() => _connectionString = await fixture.Cluster.CreateDatabaseAsync();

    protected override Task<PostgreSqlMpkiStore> OpenStoreAsync() => PostgreSqlMpkiStore.OpenAsync(_connectionString);

    protected override void AddStore(MpkiConnectorBuilder builder) => builder.AddPostgreSqlStore(_connectionString);

    protected override async Task FailAuditWritesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$;
            CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit();
            """;
        await command.ExecuteNonQueryAsync();
    }

    protected override Task DeleteDatabaseAsync() => fixture.Cluster.DropDatabaseAsync(_connectionString);
}
