namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>One forward-only schema step.</summary>
/// <param name="Version">Its number; applied in ascending order, each once.</param>
/// <param name="Name">A short description, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The statements; plain SQL that also reads as PostgreSQL where that costs nothing.</param>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
