using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Issuance;
using MpkiConnector.TestUtils;
using MpkiConnector.Testing;

namespace MpkiConnector.Benchmarks;

/// <content>
/// Several nodes (issue 14 item 6): an issuance-heavy burst spread over 1, 2 and 3 nodes sharing one PostgreSQL
/// database (a throwaway cluster), against one node on SQLite, in one run. A node here is its own service provider
/// (own store instance and connection pool, own issuance service, own per-account gate of 32) in this process, one CA.
/// </content>
internal static partial class QuickHarness
{
    private const int NodeBurstSenders = 300;
    private const int NodeConcurrency = 32;

    private static async Task NodesAsync(string folder)
    {
        var kek = KeyEncryptionKey.Generate();
        var sqlite = await NodeBurstAsync(1, _ => new ServiceCollection().AddMpkiConnector().AddSqliteStore(Path.Combine(folder, "nodes.db")), kek).ConfigureAwait(false);
        await using var cluster = await PostgreSqlCluster.StartAsync().ConfigureAwait(false);
        foreach (var nodes in new[] { 1, 2, 3 })
        {
            var database = await cluster.CreateDatabaseAsync().ConfigureAwait(false);
            var rate = await NodeBurstAsync(nodes, _ => new ServiceCollection().AddMpkiConnector().AddPostgreSqlStore(database), kek).ConfigureAwait(false);
            Add($"burst {NodeBurstSenders} new senders, P-256, CA 100 ms/request, {nodes} node(s) on PostgreSQL, {NodeConcurrency} at once per node",
                $"{rate:0.0} issuances/s", $"1 node on SQLite {sqlite:0.0}/s", rate / sqlite, "report (more nodes: more CA latency filled)", true);
        }
    }

    /// <summary>Issues for <see cref="NodeBurstSenders"/> new senders spread round-robin over the nodes; returns issuances per second.</summary>
    private static async Task<double> NodeBurstAsync(int nodeCount, Func<int, MpkiConnectorBuilder> store, string kek)
    {
        using var fake = new FakeMpkiProvider("bench");
        var ca = new LatencyCa(fake, TimeSpan.FromMilliseconds(100), TimeSpan.Zero);
        var nodes = new List<ServiceProvider>();
        for (var n = 0; n < nodeCount; n++)
        {
            var services = store(n).ConfigureKeys(o => o.KeyEncryptionKey = kek).AddProvider("bench", (_, _) => ca).Services;
            nodes.Add(services.BuildServiceProvider());
        }

        try
        {
            var gates = nodes.Select(_ => new SemaphoreSlim(NodeConcurrency)).ToArray();
            var issuances = nodes.Select(n => n.GetRequiredService<IIssuanceService>()).ToArray();
            await issuances[0].IssueAsync(Request("warm@example.com", MpkiKeyAlgorithm.EcdsaP256)).ConfigureAwait(false); // schema, pools, JIT
            var watch = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, NodeBurstSenders).Select(async i =>
            {
                var node = i % nodeCount;
                await gates[node].WaitAsync().ConfigureAwait(false);
                try
                {
                    return await issuances[node].IssueAsync(Request($"node{i}@example.com", MpkiKeyAlgorithm.EcdsaP256)).ConfigureAwait(false);
                }
                finally
                {
                    gates[node].Release();
                }
            })).ConfigureAwait(false);
            var seconds = watch.Elapsed.TotalSeconds;
            if (results.Any(r => r is not IssuanceResult.Issued) || fake.OrderCount != NodeBurstSenders + 1)
            {
                throw new InvalidOperationException($"{nodeCount} node(s): {results.Count(r => r is IssuanceResult.Issued)} issued, {fake.OrderCount} orders.");
            }

            return NodeBurstSenders / seconds;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
