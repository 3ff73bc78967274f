using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MpkiConnector.TestUtils;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: <c>initdb</c> in a new temp folder, <c>postgres</c> on a free loopback
/// port (no fsync: nothing in it must survive), stopped and deleted on dispose. As root (CI), initdb and pg_ctl run
/// as the <c>postgres</c> user through <c>runuser</c>, since PostgreSQL refuses to run as root. The binaries come
/// from Debian's <c>postgresql</c> package (<c>/usr/lib/postgresql/N/bin</c>), or <c>MPKI_PG_BIN</c>.
/// </summary>
public sealed class PostgreSqlCluster : IAsyncDisposable
{
    private const string Superuser = "mpki";
    private readonly string _binaries;
    private bool _running;

    private PostgreSqlCluster(string binaries, string folder, int port)
    {
        _binaries = binaries;
        Folder = folder;
        Port = port;
    }

    /// <summary>The cluster's folder (data, socket, log); deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Starts a new cluster; throws <see cref="PlatformNotSupportedException"/> naming the fix when PostgreSQL is not installed.</summary>
    public static async Task<PostgreSqlCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = FindBinaries();
        // Not created here: initdb creates it, owned by whoever runs the server (the postgres user when we are root).
        var folder = Path.Combine(Path.GetTempPath(), $"mpki-pg-{Guid.NewGuid():N}");
        for (var attempt = 0; ; attempt++)
        {
            var cluster = new PostgreSqlCluster(binaries, folder, FindFreePort());
            try
            {
                if (attempt == 0)
                {
                    await cluster.RunAsync("initdb", ["-D", cluster.DataDirectory, "-A", "trust", "-U", Superuser, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], cancellationToken).ConfigureAwait(false);
                }

                await cluster.StartServerAsync(cancellationToken).ConfigureAwait(false);
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The free port was taken in between: try another (the data folder is kept).
            }
        }
    }

    /// <summary>The connection string of a database in this cluster (the superuser, no password: trust on loopback).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            MaxPoolSize = 30,
            Timeout = 10,
        }.ConnectionString;

    /// <summary>Creates a new empty database (named <paramref name="name"/>, or a random name) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "t" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE template0", cancellationToken).ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>Drops a database, closing its connections.</summary>
    public Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
    }

    /// <summary>Runs one SQL statement as the superuser in the <c>postgres</c> database.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the server (immediate shutdown) and deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            _running = false;
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    private string DataDirectory => Path.Combine(Folder, "data");

    private Task StartServerAsync(CancellationToken cancellationToken)
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var options = $"-p {port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=300 " +
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        _running = true;
        return RunAsync("pg_ctl", ["-D", DataDirectory, "-o", options, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "30", "start"], cancellationToken);
    }

    /// <summary>Runs a PostgreSQL program, as the postgres user when we are root; throws with its output when it fails.</summary>
    private async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(_binaries, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(), // a folder the postgres user may enter
        };
        if (asRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", Path.Combine(_binaries, program) })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(DataDirectory, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', (await File.ReadAllLinesAsync(log, cancellationToken).ConfigureAwait(false)).TakeLast(5)) : "";
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}{tail}");
        }
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("MPKI_PG_BIN");
        var candidates = configured is not null
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
                : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new PlatformNotSupportedException(
                "PostgreSQL is not installed: run ./scripts/test.sh (it installs Debian's postgresql package) or apt-get install -y postgresql; or set MPKI_PG_BIN to its bin folder.");
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
