using System.Net.Sockets;
using Npgsql;

namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>
/// Turns a failure to reach or use the server into one clear sentence naming the server, database and user (never
/// the password or the connection string), with what to check.
/// </summary>
internal static class PgErrors
{
    public static InvalidOperationException? Explain(Exception exception, string server, string database, string user) => exception switch
    {
        PostgresException { SqlState: "28P01" or "28000" } pg => new(
            $"PostgreSQL at {server} refused the login of user '{user}' to database '{database}' ({pg.MessageText}). " +
            "Check Username and Password in Store:ConnectionString (MPKI__Store__ConnectionString) and the server's pg_hba.conf.", exception),
        PostgresException { SqlState: "3D000" } => new(
            $"The PostgreSQL database '{database}' does not exist on {server}. Create it (CREATE DATABASE \"{database}\" OWNER \"{user}\") or fix Database= in Store:ConnectionString.", exception),
        PostgresException { SqlState: "42501" } pg => new(
            $"The PostgreSQL user '{user}' may not do this in database '{database}' on {server} ({pg.MessageText}). " +
            "The store's user needs to own the database (or its schema) to create and migrate the tables.", exception),
        PostgresException { SqlState: "57P03" or "53300" or "53400" } pg => new(
            $"The PostgreSQL server at {server} does not accept connections now ({pg.MessageText}).", exception),
        PostgresException => null,
        NpgsqlException { InnerException: SocketException socket } => new(
            $"Cannot reach the PostgreSQL server at {server} ({socket.Message}). Is it running, and listening on that address and port?", exception),
        NpgsqlException { InnerException: TimeoutException } => new(
            $"The PostgreSQL server at {server} did not answer in time (Timeout= in Store:ConnectionString).", exception),
        NpgsqlException { InnerException: IOException io } => new(
            $"The connection to the PostgreSQL server at {server} failed ({io.Message}).", exception),
        _ => null,
    };
}
