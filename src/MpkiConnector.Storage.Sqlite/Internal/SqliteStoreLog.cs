using Microsoft.Extensions.Logging;

namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>The store's log messages. No secrets: paths and schema versions only.</summary>
internal static partial class SqliteStoreLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Created SQLite database {Path} (mode 0600)")]
    public static partial void DatabaseCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Applied store migration {Version} ({Name}) to {Path}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string path);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "SQLite store {Path} is at schema version {Version}")]
    public static partial void SchemaReady(ILogger logger, string path, int version);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Removed group/other permissions from {File}: the store holds keys")]
    public static partial void PermissionsTightened(ILogger logger, string file);
}
