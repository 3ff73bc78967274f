using Microsoft.Data.Sqlite;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

public sealed class KeyPoolTests : IDisposable
{
    private readonly TempDirectory _folder = new("mpki-core-pool");
    private readonly string _kek = KeyEncryptionKey.Generate();
    private readonly FakeMpkiProvider _ca = new(IssuanceHarness.ProviderName);
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = FakeClock.Now();

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task IssueAsync_PoolFilled_UsesAPooledKeyClaimedByTheOrder()
    {
        await using var harness = Harness("used.db", size: 2);
        var pooled = await WaitForPoolAsync(harness, 2);

        var issued = Assert.IsType<IssuanceResult.Issued>(await harness.Issuance.IssueAsync(Rsa("quin@example.org")));

        Assert.Contains(issued.Certificate.KeyId, pooled);
        Assert.Equal(issued.Certificate.OrderId, await ClaimedByAsync(issued.Certificate.KeyId!));
        await IssuanceAssertions.AssertKeyUsableAsync(harness.Keys, issued.Certificate);
        Assert.Contains(await harness.Store.ListKeysAsync(SoftwareKeyProvider.ProviderKind), k => k.Id == issued.Certificate.KeyId);
    }

    [Fact]
    public async Task IssueAsync_ConcurrentOrdersDrainThePool_NoKeyUsedTwice()
    {
        await using var harness = Harness("concurrent.db", size: 3);
        await WaitForPoolAsync(harness, 3);
        var addresses = Enumerable.Range(0, 8).Select(i => $"burst{i}@example.org").ToArray();

        var results = await Task.WhenAll(addresses.Select(a => harness.Issuance.IssueAsync(Rsa(a))));

        var keys = results.Select(r => Assert.IsType<IssuanceResult.Issued>(r).Certificate.KeyId).ToList();
        Assert.Equal(addresses.Length, keys.Distinct(StringComparer.Ordinal).Count());
        var orders = results.Select(r => ((IssuanceResult.Issued)r).Certificate.OrderId).ToList();
        foreach (var (key, order) in keys.Zip(orders))
        {
            var claimedBy = await ClaimedByAsync(key!);
            Assert.True(claimedBy is null || claimedBy == order, $"key {key} claimed by {claimedBy}, used by {order}");
        }

        Assert.Equal(addresses.Length, _ca.OrderCount);
    }

    [Fact]
    public async Task IssueAsync_SubmitFailsAfterTheClaim_ResumeUsesTheSameKey()
    {
        string keyId;
        _ca.Options.SubmitFailureCount = 1;
        await using (var before = Harness("resume.db", size: 2, o => o.MaxWait = TimeSpan.Zero))
        {
            var pooled = await WaitForPoolAsync(before, 2);
            Assert.IsType<IssuanceResult.Pending>(await before.Issuance.IssueAsync(Rsa("rosa@example.org")));
            var open = Assert.Single(await before.Store.ListOpenOrdersAsync());
            Assert.Equal(OrderState.Intent, open.State);
            Assert.Contains(open.KeyId, pooled);
            Assert.Equal(open.Id, await ClaimedByAsync(open.KeyId));
            keyId = open.KeyId;
        }

        await using var after = Harness("resume.db", size: 2);
        _time.Advance(TimeSpan.FromMinutes(1));
        var resumed = Assert.IsType<IssuanceResult.Issued>(Assert.Single(await after.Issuance.ResumeOpenOrdersAsync()));

        Assert.Equal(keyId, resumed.Certificate.KeyId);
        Assert.Equal(1, _ca.OrderCount);
    }

    private static IssuanceRequest Rsa(string address) => IssuanceHarness.Request(address) with { KeyAlgorithm = MpkiKeyAlgorithm.Rsa2048 };

    private IssuanceHarness Harness(string file, int size, Action<IssuanceOptions>? configure = null) =>
        new(_folder.File(file), _ca, _time, _kek, o =>
        {
            o.KeyPoolSize = size;
            o.KeyPoolLowWater = 1;
            o.KeyPoolAlgorithms.Add(MpkiKeyAlgorithm.Rsa2048);
            o.IntentLease = TimeSpan.Zero;
            configure?.Invoke(o);
        });

    private async Task<string?> ClaimedByAsync(string keyId) =>
        (await QueryAsync("SELECT claimed_by_order FROM keys WHERE id = $id AND claimed_by_order IS NOT NULL", keyId)).SingleOrDefault();

    private async Task<IReadOnlyList<string>> QueryAsync(string sql, string? id = null)
    {
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(_folder.Path, "*.db"))
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id ?? string.Empty);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetString(0));
            }
        }

        return found;
    }

    private async Task<IReadOnlyList<string>> WaitForPoolAsync(IssuanceHarness harness, int size)
    {
        _ = harness.Issuance; // the coordinator starts the pool
        // Key generation runs in the background (real work, not a clock wait): look every 20 ms, for at most a minute.
        for (var i = 0; i < 3000 && await harness.Store.CountPooledKeysAsync(SoftwareKeyProvider.ProviderKind, MpkiKeyAlgorithm.Rsa2048) < size; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(size, await harness.Store.CountPooledKeysAsync(SoftwareKeyProvider.ProviderKind, MpkiKeyAlgorithm.Rsa2048));
        return await QueryAsync("SELECT id FROM keys WHERE pool_state = 'free'");
    }
}
