namespace MpkiConnector.Storage.Conformance.IntegrationTests.PostgreSql;

/// <summary>The test classes that share one PostgreSQL cluster (started once, stopped after the last of them).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL";
}
