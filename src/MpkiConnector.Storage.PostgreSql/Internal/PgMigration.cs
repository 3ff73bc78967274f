namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>One forward-only schema step.</summary>
/// <param name="Version">Its number; applied in ascending order, each once.</param>
/// <param name="Name">A short description, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The statements, run in the migration's transaction (PostgreSQL DDL is transactional).</param>
internal sealed record PgMigration(int Version, string Name, string Sql);
