namespace MpkiConnector.Gateway.Configuration;

/// <summary>The store.</summary>
public sealed class StoreOptions
{
    /// <summary>The SQLite database file (relative paths are relative to the configuration file). Required.</summary>
    public string? Path { get; set; }
}
