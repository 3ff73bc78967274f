using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text.Json;
using System.Text.Json.Nodes;
using MimeKit.Cryptography;
using MpkiConnector.TestUtils;
using Npgsql;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// <c>mpki store copy</c>: a SQLite store filled by a real gateway run (the SCM emulator as CA) is copied into a
/// throwaway PostgreSQL cluster; a gateway on the copy then signs its senders' mail with the copied keys, ordering nothing.
/// </summary>
public sealed class StoreCopyTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("mpki-copy");
    private PostgreSqlCluster? _cluster;
    private RunningEmulator? _emulator;
    private ProviderPasswordScope? _password;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _cluster = await PostgreSqlCluster.StartAsync();
        _database = await _cluster.CreateDatabaseAsync();
        _emulator = await RunningEmulator.StartAsync();
        _password = new ProviderPasswordScope(_emulator.Password);
    }

    public async Task DisposeAsync()
    {
        _password?.Dispose();
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
    public async Task StoreCopy_SqliteStoreOfAGatewayRun_VerifiedCopyOnWhichAGatewaySignsWithTheCopiedKeys()
    {
        var sample = GatewayConfigFile.Sample(_folder, _emulator!.BaseAddress);
        var sqliteConfig = GatewayConfigFile.Write(_folder, sample);
        var messages = Directory.GetFiles(RepositoryPaths.Mail, "*-outbound.eml").Order(StringComparer.Ordinal).Take(6).ToArray();
        var first = await CliRunner.RunAsync("gateway", "run", "--once", "--spool", Spool("first", messages), "--config", sqliteConfig);
        Assert.True(first.ExitCode == 0, first.ToString());
        var ordersAtTheCa = await _emulator.Emulator.CountOrdersAsync();
        Assert.True(ordersAtTheCa > 1, $"{ordersAtTheCa} orders: the run should have issued for several senders");

        var copy = await CliRunner.RunAsync("store", "copy", "--to", _database, "--json", "--config", sqliteConfig);

        Assert.True(copy.ExitCode == 0, copy.ToString());
        using (var report = JsonDocument.Parse(copy.Output))
        {
            Assert.True(report.RootElement.GetProperty("verified").GetBoolean());
            var tables = report.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!, t => t.GetProperty("rows").GetInt64());
            Assert.Equal(1, tables["key_check"]);
            Assert.Equal(ordersAtTheCa, tables["certificates"]);
            Assert.Equal(await CountAsync("SELECT count(*) FROM keys"), tables["keys"]);
            Assert.Equal(await CountAsync("SELECT count(*) FROM audit_log"), tables["audit_log"]);
            Assert.All(report.RootElement.GetProperty("tables").EnumerateArray(), t => Assert.Matches("^[0-9A-F]{32}$", t.GetProperty("checksum").GetString()));
        }

        // The same mail through a gateway on the copy (same key-encryption key): signed with the copied certificates' keys, nothing ordered.
        sample["Store"] = new JsonObject { ["Provider"] = "PostgreSql", ["ConnectionString"] = _database };
        sample["Folders"]!["Outbox"] = _folder.Combine("outbox-pg");
        var second = await CliRunner.RunAsync("gateway", "run", "--once", "--spool", Spool("second", messages), "--config", GatewayConfigFile.Write(_folder, sample, "pg.json"));

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(ordersAtTheCa, await _emulator.Emulator.CountOrdersAsync());
        var signed = Directory.GetFiles(_folder.Combine("outbox-pg"), "*.eml", SearchOption.AllDirectories);
        Assert.Equal(messages.Length, signed.Length);
        foreach (var file in signed)
        {
            var thumbprint = SignerThumbprint(file);
            Assert.Equal(1, await CountAsync($"SELECT count(*) FROM certificates WHERE status = 'active' AND thumbprint = '{thumbprint}'"));
        }
    }

    [Fact]
    public async Task StoreCopy_TargetHoldsData_RefusedUnlessReplace()
    {
        var config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder, _emulator!.BaseAddress));
        await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna@example.com", 365), ("ben@example.com", 365));
        Assert.Equal(0, (await CliRunner.RunAsync("store", "copy", "--to", _database, "--config", config)).ExitCode);

        var again = await CliRunner.RunAsync("store", "copy", "--to", _database, "--config", config);
        var replaced = await CliRunner.RunAsync("store", "copy", "--to", _database, "--replace", "--config", config);

        Assert.Equal(6, again.ExitCode);
        Assert.Contains("is not empty", Assert.Single(again.ErrorLines), StringComparison.Ordinal);
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.Contains("certificates", replaced.Output, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM certificates"));
    }

    [Theory]
    [InlineData("Hots=db1;Database=mpki;Password=s3cret-canary", 2)]
    [InlineData("Host=127.0.0.1;Port=1;Database=mpki;Password=s3cret-canary", 6)]
    public async Task StoreCopy_BadConnectionString_OneLineWithoutTheConnectionString(string connectionString, int exitCode)
    {
        var config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder, _emulator!.BaseAddress));
        await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna@example.com", 365));

        var copy = await CliRunner.RunAsync("store", "copy", "--to", connectionString, "--config", config);

        Assert.True(copy.ExitCode == exitCode, copy.ToString());
        Assert.StartsWith("mpki: error: --to:", Assert.Single(copy.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-canary", copy.Error, StringComparison.Ordinal);
    }

    private string Spool(string name, string[] messages)
    {
        var spool = _folder.Combine(name);
        Directory.CreateDirectory(spool);
        foreach (var message in messages)
        {
            File.Copy(message, Path.Combine(spool, Path.GetFileName(message)));
        }

        return spool;
    }

    private static string SignerThumbprint(string file)
    {
        var signed = Assert.IsType<MultipartSigned>(MimeKit.MimeMessage.Load(file).Body);
        using var signature = new MemoryStream();
        ((MimeKit.MimePart)signed[1]).Content!.DecodeTo(signature);
        var cms = new SignedCms();
        cms.Decode(signature.ToArray());
        return Convert.ToHexString(cms.SignerInfos[0].Certificate!.GetCertHash(HashAlgorithmName.SHA256));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
