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

    protected override Task DeleteDatabaseAsync() => fixture.Cluster.DropDatabaseAsync(_connectionString);
}
