using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;
using MpkiConnector.Storage.Sqlite;
using MpkiConnector.Testing;

namespace MpkiConnector.Benchmarks;

/// <summary>
/// The quick figures of issue 16 as a plain timed harness over the product's API (a fake CA in process with the
/// emulator's latency knobs; a real SQLite file): <c>dotnet run -c Release --project tests/MpkiConnector.Benchmarks -- quick [certificates]</c>.
/// Prints figure, ours, baseline, ratio, target, met.
/// </summary>
internal static partial class QuickHarness
{
    private static readonly List<string[]> Rows = [];

    /// <summary>Runs the figures of <paramref name="sections"/> (signing, first, burst, store, nodes; all when empty).</summary>
    public static async Task RunAsync(int certificates, IReadOnlySet<string> sections)
    {
        bool Run(string section) => sections.Count == 0 || sections.Contains(section);
        var folder = Path.Combine(Path.GetTempPath(), "mpki-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            if (Run("signing"))
            {
                await SigningAsync(folder).ConfigureAwait(false);
            }

            if (Run("first"))
            {
                await FirstMailAsync(folder, "default settings, pool empty", 0, null).ConfigureAwait(false);
                await FirstMailAsync(folder, "default settings, pool filled", 4, null).ConfigureAwait(false);
                await FirstMailAsync(folder, "first poll 100 ms, pool filled", 4, TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            }

            foreach (var concurrency in Run("burst") ? new[] { 4, 32 } : [])
            {
                await BurstAsync(folder, 200, concurrency).ConfigureAwait(false);
            }

            if (Run("store"))
            {
                await StoreAsync(folder, certificates).ConfigureAwait(false);
            }

            if (Run("nodes"))
            {
                await NodesAsync(folder).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        PrintTable();
    }

    private static void PrintTable()
    {
        Console.WriteLine("| figure | ours | baseline | ratio | target | met? |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in Rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }
    }

    private static ServiceProvider Services(string db, IMpkiProvider ca, Action<IssuanceOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector()
            .AddSqliteStore(db)
            .ConfigureKeys(o => o.KeyEncryptionKey = KeyEncryptionKey.Generate())
            .ConfigureIssuance(configure)
            .AddProvider("bench", (_, _) => ca);
        return services.BuildServiceProvider();
    }

    private static IssuanceRequest Request(string address, MpkiKeyAlgorithm algorithm) => new(address, "bench") { KeyAlgorithm = algorithm };

    /// <summary>First mail with RSA-3072, the CA issuing 100 ms after the order (no latency per request).</summary>
    private static async Task FirstMailAsync(string folder, string label, int pool, TimeSpan? firstPoll)
    {
        var latency = TimeSpan.FromMilliseconds(100);
        var times = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            using var fake = new FakeMpkiProvider("bench");
            var ca = new LatencyCa(fake, TimeSpan.Zero, latency);
            await using var services = Services(Path.Combine(folder, $"first-{pool}-{firstPoll?.TotalMilliseconds}-{run}.db"), ca, o =>
            {
                o.KeyPoolSize = pool;
                o.KeyPoolLowWater = pool > 0 ? 1 : 0;
                if (pool > 0)
                {
                    o.KeyPoolAlgorithms.Add(MpkiKeyAlgorithm.Rsa3072);
                }

                o.FirstPollDelay = firstPoll ?? o.FirstPollDelay;
            });
            var issuance = services.GetRequiredService<IIssuanceService>();
            var store = services.GetRequiredService<SqliteMpkiStore>();
            while (pool > 0 && await store.CountPooledKeysAsync(SoftwareKeyProvider.ProviderKind, MpkiKeyAlgorithm.Rsa3072).ConfigureAwait(false) < pool)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }

            var watch = Stopwatch.StartNew();
            var result = await issuance.IssueAsync(Request($"first{run}@example.com", MpkiKeyAlgorithm.Rsa3072)).ConfigureAwait(false);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (result is not IssuanceResult.Issued)
            {
                throw new InvalidOperationException($"first mail was not issued: {result}");
            }
        }

        var p50 = Percentile(times, 0.5);
        Add($"first mail, RSA-3072, CA issues after 100 ms, {label}", $"p50 {p50:0} ms", "CA latency 100 ms", p50 / latency.TotalMilliseconds, "p50 <= 150 ms", p50 <= 150);
    }

    /// <summary>A burst of new senders (P-256), the CA answering each request after 100 ms and issuing at once.</summary>
    private static async Task BurstAsync(string folder, int senders, int concurrency)
    {
        using var fake = new FakeMpkiProvider("bench");
        var ca = new LatencyCa(fake, TimeSpan.FromMilliseconds(100), TimeSpan.Zero);
        await using var services = Services(Path.Combine(folder, $"burst-{concurrency}.db"), ca, _ => { });
        var issuance = services.GetRequiredService<IIssuanceService>();
        using var gate = new SemaphoreSlim(concurrency); // the gateway's MaxConcurrentIssuances per account
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, senders).Select(async i =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                return await issuance.IssueAsync(Request($"burst{i}@example.com", MpkiKeyAlgorithm.EcdsaP256)).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        var issued = results.Count(r => r is IssuanceResult.Issued);
        var ideal = senders * 0.2 / concurrency; // submit + collect, 100 ms each
        Add($"burst {senders} new senders, P-256, CA 100 ms/request, {concurrency} at once", $"{seconds:0.0} s ({issued} issued, {fake.OrderCount} orders)",
            $"ideal {ideal:0.0} s", seconds / ideal, "<= 1.25x, one order each", seconds / ideal <= 1.25 && fake.OrderCount == senders);
    }

    private static async Task StoreAsync(string folder, int count)
    {
        var path = Path.Combine(folder, "store.db");
        var bare = Path.Combine(folder, "bare.db");
        var now = DateTimeOffset.UtcNow;
        var der = new byte[1200];
        Random.Shared.NextBytes(der);
        CertificateRecord Record(int i) => new()
        {
            Id = Guid.NewGuid().ToString("D"), Address = $"user{i}@example.com", SerialNumber = i.ToString("X8", CultureInfo.InvariantCulture),
            Issuer = "CN=Bench CA", Subject = $"CN=user{i}", Thumbprint = Guid.NewGuid().ToString("N"), NotBefore = now.AddDays(-300 + (i % 365)),
            NotAfter = now.AddDays(65 + (i % 365)), Der = der, Status = CertificateStatus.Active, KeyId = "sw-" + i, ProviderName = "bench", CreatedAt = now,
        };

        using var store = await SqliteMpkiStore.OpenAsync(path).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i += 1000)
        {
            await store.SaveCertificatesAsync(Enumerable.Range(i, Math.Min(1000, count - i)).Select(Record)).ConfigureAwait(false); // the bulk path, 1,000 per transaction
        }

        var oursRate = count / watch.Elapsed.TotalSeconds;
        var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        Add($"bytes on disk per certificate (SQLite, {der.Length} B DER, no chain)", $"{bytes / (double)count:0} B", $"DER {der.Length} B", bytes / (double)count / der.Length, "report", true);
        (await SqliteMpkiStore.OpenAsync(bare).ConfigureAwait(false)).Dispose(); // the same schema and indexes

        await using var connection = new SqliteConnection($"Data Source={bare}");
        await connection.OpenAsync().ConfigureAwait(false);
        watch.Restart();
        await using (var tx = await connection.BeginTransactionAsync().ConfigureAwait(false))
        {
            for (var i = 0; i < count; i++)
            {
                var r = Record(i);
                await connection.ExecuteAsync(
                    "INSERT INTO certificates (id, address, kind, serial_number, issuer, subject, thumbprint, not_before, not_after, der, chain_json, status, key_id, order_id, provider_name, provider_order_id, created_at) " +
                    "VALUES (@Id, @Address, 'person', @SerialNumber, @Issuer, @Subject, @Thumbprint, @NotBefore, @NotAfter, @Der, '[]', 'active', @KeyId, NULL, 'bench', NULL, @CreatedAt)",
                    new { r.Id, r.Address, r.SerialNumber, r.Issuer, r.Subject, r.Thumbprint, NotBefore = Instant(r.NotBefore), NotAfter = Instant(r.NotAfter), r.Der, r.KeyId, CreatedAt = Instant(r.CreatedAt) }, tx).ConfigureAwait(false);
            }

            await tx.CommitAsync().ConfigureAwait(false);
        }

        var bareRate = count / watch.Elapsed.TotalSeconds;
        Add($"loading {count:N0} certificates through the store", $"{oursRate:0}/s", $"bare batched Dapper {bareRate:0}/s", bareRate / oursRate, "<= 1.5x", bareRate / oursRate <= 1.5);

        var ours = new List<double>();
        var bares = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var address = $"user{Random.Shared.Next(count)}@example.com";
            watch.Restart();
            _ = await store.GetActiveCertificateAsync(address).ConfigureAwait(false);
            ours.Add(watch.Elapsed.TotalMicroseconds);
            watch.Restart();
            _ = await connection.QuerySingleOrDefaultAsync<string>("SELECT id FROM certificates WHERE address = @address AND status = 'active'", new { address }).ConfigureAwait(false);
            bares.Add(watch.Elapsed.TotalMicroseconds);
        }

        Add($"store lookup at {count:N0} certificates", $"p50 {Percentile(ours, 0.5):0} us, p99 {Percentile(ours, 0.99):0} us", $"bare p50 {Percentile(bares, 0.5):0} us, p99 {Percentile(bares, 0.99):0} us",
            Percentile(ours, 0.99) / Percentile(bares, 0.99), "p99 <= 4x", Percentile(ours, 0.99) <= 4 * Percentile(bares, 0.99));

        // the due window: the earliest 1% end within it
        var horizon = now.AddDays(65 + (365 / 100));
        var dueBare = new List<double>();
        var dueOurs = new List<double>();
        var due = 0;
        for (var run = 0; run < 3; run++)
        {
            watch.Restart();
            var rows = (await connection.QueryAsync<string>("SELECT id FROM certificates WHERE status = 'active' AND not_after <= @h ORDER BY not_after, id", new { h = Instant(horizon) }).ConfigureAwait(false)).Count();
            dueBare.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            due = 0;
            CertificateRecord? last = null;
            while (true)
            {
                var page = await store.ListCertificatesEndingByAsync(CertificateStatus.Active, horizon, 500, last).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                due += page.Count;
                last = page[^1];
            }

            dueOurs.Add(watch.Elapsed.TotalMilliseconds);
            _ = rows;
        }

        var o = Percentile(dueOurs, 0.5);
        var b = Percentile(dueBare, 0.5);
        Add($"renewal due scan, {due:N0} due of {count:N0} (records, pages of 500)", $"{o:0} ms", $"bare indexed id query {b:0} ms", o / b, "<= 2x", o <= 2 * b);
    }

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }

    private static void Add(string figure, string ours, string baseline, double ratio, string target, bool met)
    {
        Rows.Add([figure, ours, baseline, ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x", target, met ? "met" : "missed"]);
        Console.Error.WriteLine("| " + string.Join(" | ", Rows[^1]) + " |"); // progress: each row as it is measured
    }
}
