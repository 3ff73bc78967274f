using System.Diagnostics;
using System.Text.Json.Nodes;
using MpkiConnector.TestUtils;
using Npgsql;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// Three gateway nodes, each a real <c>mpki gateway run</c> process with its own spool and folders, on one PostgreSQL
/// database (a throwaway cluster) and one CA (the SCM emulator); one node is killed mid-burst and restarted.
/// </summary>
public sealed class MultiNodeTests : IAsyncLifetime
{
    private const int Nodes = 3;
    private const int Messages = 30;
    private readonly TempDirectory _folder = new("mpki-nodes");
    private PostgreSqlCluster? _cluster;
    private RunningEmulator? _emulator;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _cluster = await PostgreSqlCluster.StartAsync();
        _database = await _cluster.CreateDatabaseAsync("mpki");
        _emulator = await RunningEmulator.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task GatewayRun_ThreeNodesOnOnePostgreSqlOneKilledMidBurst_OneOrderPerSenderAndEveryMessageInOnePlace()
    {
        var configs = Enumerable.Range(0, Nodes).Select(WriteNodeConfig).ToArray();
        var inputs = Directory.GetFiles(RepositoryPaths.Mail, "*-outbound.eml").Order(StringComparer.Ordinal).Take(Messages).ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            File.Copy(inputs[i], Path.Combine(Folder(i % Nodes, "spool"), Path.GetFileName(inputs[i])));
        }

        var senders = inputs.Select(SenderOf).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var nodes = configs.Select(StartNode).ToArray();
        try
        {
            // Kill node 1 as soon as it has finished a message: mid-burst, with messages left in its spool.
            var spool = Folder(1, "spool");
            var queued = Directory.GetFiles(spool).Length;
            var watch = Stopwatch.StartNew();
            while (!nodes[1].HasExited && Directory.GetFiles(spool).Length == queued && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            Assert.False(nodes[1].HasExited, "node 1 finished before it could be killed: the burst is too small");
            nodes[1].Kill(entireProcessTree: true);
            await nodes[1].WaitForExitAsync();
            Assert.NotEmpty(Directory.GetFiles(Folder(1, "spool")));

            foreach (var node in new[] { nodes[0], nodes[2] })
            {
                await WaitAsync(node);
            }

            nodes[1].Dispose();
            nodes[1] = StartNode(configs[1]); // the restarted node finishes its own spool
            await WaitAsync(nodes[1]);
        }
        finally
        {
            foreach (var node in nodes.Where(n => !n.HasExited))
            {
                node.Kill(entireProcessTree: true);
            }
        }

        // Every message in exactly one place: an outbox, a deferred or a rejected folder; no spool keeps one.
        var places = Enumerable.Range(0, Nodes)
            .SelectMany(n => new[] { "outbox", "deferred", "rejected", "spool" }.SelectMany(f => Directory.GetFiles(Folder(n, f), "*.eml", SearchOption.AllDirectories)))
            .GroupBy(Path.GetFileName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key!, g => g.ToList(), StringComparer.Ordinal);
        foreach (var input in inputs.Select(Path.GetFileName))
        {
            var found = places.GetValueOrDefault(input!) ?? [];
            Assert.True(found.Count == 1, $"{input}: in {found.Count} places ({string.Join(", ", found)})");
            Assert.DoesNotContain("spool", found[0], StringComparison.Ordinal);
        }

        // One order per sender, across the nodes and the kill: in the shared journal and at the CA.
        // (A node that opened an intent just after another node's issuance closes it unused: "not needed", never at the CA.)
        var orders = await QueryAsync(
            "SELECT address || ' ' || string_agg(state || ' ' || coalesce(last_error, ''), '; '), count(*) FILTER (WHERE provider_order_id IS NOT NULL OR state <> 'failed') " +
            "FROM orders GROUP BY address");
        Assert.Equal(senders.Count, orders.Count);
        Assert.All(orders, o => Assert.True(o.Count == 1, $"{o.Address}: {o.Count} orders"));

        // Each sender has its certificate, or an order the killed node left open: the next node adopts it once the
        // intent lease (2 minutes) has run out; meanwhile that sender's mail is deferred.
        var active = (await QueryAsync("SELECT address, count(*) FROM certificates WHERE status = 'active' GROUP BY address")).ToDictionary(a => a.Address, a => a.Count);
        var open = (await QueryAsync("SELECT address, count(*) FROM orders WHERE state IN ('intent', 'submitted') GROUP BY address")).Select(o => o.Address).ToHashSet();
        Assert.All(senders, s => Assert.True(active.GetValueOrDefault(s) == 1 ^ open.Contains(s), $"{s}: {active.GetValueOrDefault(s)} active, open order: {open.Contains(s)}"));
        Assert.InRange(await _emulator!.Emulator.CountOrdersAsync(), active.Count, senders.Count);
    }

    private string Folder(int node, string name) => _folder.Combine($"node{node}", name);

    private string WriteNodeConfig(int node)
    {
        var config = GatewayConfigFile.Sample(_folder, _emulator!.BaseAddress);
        config["Store"] = new JsonObject { ["Provider"] = "PostgreSql" }; // the connection string comes from the environment
        config["FirstMail"]!["HoldTimeout"] = "00:00:05"; // a sender another node is ordering for waits briefly, then is deferred
        config["Folders"] = new JsonObject
        {
            ["Spool"] = Folder(node, "spool"),
            ["Outbox"] = Folder(node, "outbox"),
            ["Deferred"] = Folder(node, "deferred"),
            ["Rejected"] = Folder(node, "rejected"),
        };
        foreach (var folder in new[] { "spool", "outbox", "deferred", "rejected" })
        {
            Directory.CreateDirectory(Folder(node, folder));
        }

        return GatewayConfigFile.Write(_folder, config, $"node{node}.json");
    }

    private Process StartNode(string config)
    {
        var mpki = Path.Combine(AppContext.BaseDirectory, "mpki.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { mpki, "gateway", "run", "--once", "--config", config })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MPKI__Store__ConnectionString"] = _database;
        start.Environment[ProviderPasswordScope.Variable] = _emulator!.Password;
        return Process.Start(start) ?? throw new InvalidOperationException("mpki could not be started.");
    }

    private static async Task WaitAsync(Process node)
    {
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, $"exit {node.ExitCode}: {await output}{await error}");
    }

    private static string SenderOf(string path) =>
        MimeKit.MimeMessage.Load(path).From.Mailboxes.Single().Address.ToLowerInvariant();

    private async Task<List<(string Address, long Count)>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }
}
