using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// Copies every table of a SQLite store into a PostgreSQL store of the same schema, row for row (sealed keys stay
/// sealed: nothing is decrypted), streaming each table through a binary COPY in one transaction, and verifies each
/// table by reading it back: the row count and an order-independent checksum over the rows' values must match what was
/// read from SQLite, or nothing is committed. Instants are compared at PostgreSQL's precision (microseconds).
/// </summary>
internal static class StoreCopier
{
    /// <summary>Tables that belong to each store itself, not to the data.</summary>
    private static readonly string[] Skipped = ["schema_version"];

    /// <summary>Copies; throws <see cref="StoreCopyException"/> when the target is not empty (and not replaced), lacks a table or column, or differs after the copy.</summary>
    public static async Task<IReadOnlyList<TableCopy>> CopyAsync(string sqlitePath, string postgreSqlConnectionString, bool replace, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var snapshot = source.BeginTransaction(deferred: true); // one read snapshot for every table (commands join it), even while a gateway writes
        await using var target = new NpgsqlConnection(postgreSqlConnectionString);
        await target.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var tables = new List<(string Name, IReadOnlyList<Column> Columns)>();
        foreach (var table in await ListSqliteTablesAsync(source, cancellationToken).ConfigureAwait(false))
        {
            tables.Add((table, await ColumnsAsync(source, target, table, cancellationToken).ConfigureAwait(false)));
        }

        if (replace)
        {
            await ExecuteAsync(target, $"TRUNCATE {string.Join(", ", tables.Select(t => Quote(t.Name)))} RESTART IDENTITY", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var (name, _) in tables)
            {
                if (await ScalarAsync(target, $"SELECT EXISTS (SELECT 1 FROM {Quote(name)})", cancellationToken).ConfigureAwait(false) is true)
                {
                    throw new StoreCopyException($"the target's table '{name}' is not empty: copy into an empty database, or pass --replace to empty the copied tables first");
                }
            }
        }

        var results = new List<TableCopy>();
        foreach (var (name, columns) in tables)
        {
            var copied = await CopyTableAsync(source, target, name, columns, cancellationToken).ConfigureAwait(false);
            var readBack = await ChecksumAsync(target, name, columns, cancellationToken).ConfigureAwait(false);
            if (readBack != copied)
            {
                throw new StoreCopyException($"table '{name}': {copied.Rows} row(s) with checksum {copied.Checksum} were copied, but the target holds {readBack.Rows} with {readBack.Checksum}; nothing was committed");
            }

            results.Add(new TableCopy(name, copied.Rows, copied.Checksum));
            foreach (var identity in columns.Where(c => c.IsIdentity))
            {
                await ExecuteAsync(target, $"SELECT setval(pg_get_serial_sequence('{name}', '{identity.Name}'), COALESCE(MAX({Quote(identity.Name)}), 0) + 1, false) FROM {Quote(name)}", cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    private static async Task<TableSum> CopyTableAsync(SqliteConnection source, NpgsqlConnection target, string table, IReadOnlyList<Column> columns, CancellationToken cancellationToken)
    {
        var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var sum = new RowChecksum();
        await using var command = source.CreateCommand();
        command.CommandText = $"SELECT {list} FROM {Quote(table)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var writer = await target.BeginBinaryImportAsync($"COPY {Quote(table)} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        var values = new object?[columns.Count];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : Convert(reader.GetValue(i), columns[i], table);
                if (values[i] is null)
                {
                    await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await writer.WriteAsync(values[i], columns[i].Type, cancellationToken).ConfigureAwait(false);
                }
            }

            sum.Add(values);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return sum.Result;
    }

    private static async Task<TableSum> ChecksumAsync(NpgsqlConnection target, string table, IReadOnlyList<Column> columns, CancellationToken cancellationToken)
    {
        var sum = new RowChecksum();
        await using var command = new NpgsqlCommand($"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quote(table)}", target);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new object?[columns.Count];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            sum.Add(values);
        }

        return sum.Result;
    }

    /// <summary>A SQLite value as the PostgreSQL column's type: instants from the store's ISO text (to microseconds), integers narrowed.</summary>
    private static object Convert(object value, Column column, string table) => column.Type switch
    {
        NpgsqlDbType.TimestampTz when value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) =>
            new DateTime(instant.UtcTicks - (instant.UtcTicks % 10), DateTimeKind.Utc),
        NpgsqlDbType.Integer when value is long number => checked((int)number),
        NpgsqlDbType.Bigint when value is long number => number,
        NpgsqlDbType.Bytea when value is byte[] bytes => bytes,
        NpgsqlDbType.Text => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new StoreCopyException($"table '{table}', column '{column.Name}': a {value.GetType().Name} value cannot be stored as {column.Type}"),
    };

    private static async Task<IReadOnlyList<string>> ListSqliteTablesAsync(SqliteConnection source, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names.Except(Skipped, StringComparer.Ordinal).ToList();
    }

    /// <summary>The SQLite table's columns, typed by the PostgreSQL table of the same name.</summary>
    private static async Task<IReadOnlyList<Column>> ColumnsAsync(SqliteConnection source, NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        var targetColumns = new Dictionary<string, Column>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT column_name, data_type, is_identity FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table", target))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var type = reader.GetString(1) switch
                {
                    "text" => NpgsqlDbType.Text,
                    "bytea" => NpgsqlDbType.Bytea,
                    "integer" => NpgsqlDbType.Integer,
                    "bigint" => NpgsqlDbType.Bigint,
                    "timestamp with time zone" => NpgsqlDbType.TimestampTz,
                    var other => throw new StoreCopyException($"the target's column {table}.{reader.GetString(0)} has type {other}, which store copy does not know"),
                };
                targetColumns[reader.GetString(0)] = new Column(reader.GetString(0), type, reader.GetString(2) == "YES");
            }
        }

        if (targetColumns.Count == 0)
        {
            throw new StoreCopyException($"the target has no table '{table}': its schema is older than the SQLite store's (update the PostgreSQL store's nodes first)");
        }

        await using var pragma = source.CreateCommand();
        pragma.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        var columns = new List<Column>();
        await using var names = await pragma.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await names.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = names.GetString(0);
            columns.Add(targetColumns.GetValueOrDefault(name) ?? throw new StoreCopyException($"the target's table '{table}' has no column '{name}': its schema is older than the SQLite store's"));
        }

        return columns;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(string Name, NpgsqlDbType Type, bool IsIdentity);

}
