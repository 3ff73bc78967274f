namespace MpkiConnector.Storage.Conformance.IntegrationTests.PostgreSql;

/// <summary>One throwaway PostgreSQL cluster for every test of the <see cref="PostgreSqlCollection"/>; each test makes its own database in it.</summary>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    public PostgreSqlCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await PostgreSqlCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
