using Microsoft.Extensions.Logging;

namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>The store's log messages. No secrets: server, database and schema versions only (never the connection string).</summary>
internal static partial class PostgreSqlStoreLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Applied store migration {Version} ({Name}) to PostgreSQL database {Database} on {Server}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string database, string server);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "PostgreSQL store {Database} on {Server} is at schema version {Version}")]
    public static partial void SchemaReady(ILogger logger, string database, string server, int version);
}
