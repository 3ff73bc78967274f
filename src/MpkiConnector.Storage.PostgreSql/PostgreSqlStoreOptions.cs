using Npgsql;

namespace MpkiConnector.Storage.PostgreSql;

/// <summary>Settings of the PostgreSQL store.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>
    /// The Npgsql connection string (<c>Host=db1;Port=5432;Database=mpki;Username=mpki;Password=...</c>). Keep the
    /// password out of configuration files: set the whole string through the environment
    /// (<c>MPKI__Store__ConnectionString</c>) or use a <c>.pgpass</c> file. It is never logged.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Returns the first problem with these settings (never quoting the password), or <see langword="null"/>.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "The PostgreSQL store needs a connection string (Store:ConnectionString, or the environment variable MPKI__Store__ConnectionString).";
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return "The PostgreSQL connection string is not valid: " + FirstSentence(ex.Message) +
                " (expected keywords such as Host=...;Port=5432;Database=...;Username=...).";
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return "The PostgreSQL connection string names no server (Host=...).";
        }

        return null;
    }

    /// <summary>Keeps the part of a parser message before any quoted value it may echo.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
