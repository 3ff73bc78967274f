namespace MpkiConnector.Storage.Sqlite;

/// <summary>Settings of the SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created (mode 0600 on Unix) with its folder when missing.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How long an operation waits for another connection's write lock before failing. Default 5 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Returns the first problem with these settings, or <see langword="null"/> when they are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            return "The SQLite store needs a database path (DatabasePath).";
        }

        if (DatabasePath.Contains('\0', StringComparison.Ordinal))
        {
            return "The SQLite database path contains a NUL character.";
        }

        if (BusyTimeout < TimeSpan.FromMilliseconds(1) || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            return "The SQLite busy timeout must be between 1 ms and 10 minutes.";
        }

        return null;
    }
}
