using System.Text.Json;
using System.Text.Json.Nodes;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InitAndKekTests : IDisposable
{
    private readonly InitFolder _init = new();

    public void Dispose() => _init.Dispose();

    private TempDirectory Folder => _init.Folder;

    private string Config => _init.Config;

    private string Data => _init.Data;

    private string KeyFile => _init.KeyFile;

    private string Store => _init.Store;

    [Fact]
    public async Task Init_EmptyFolderThenAgain_CreatesOnceNeverOverwrites()
    {
        var first = await InitAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Store));
        foreach (var folder in new[] { "spool", "outbox", "deferred", "rejected" })
        {
            Assert.True(Directory.Exists(Path.Combine(Data, folder)), folder);
        }

        var config = JsonNode.Parse(await File.ReadAllTextAsync(Config))!;
        Assert.Equal("file:../data/kek.b64", config["KeyEncryptionKey"]!.GetValue<string>());
        var kek = await File.ReadAllTextAsync(KeyFile);
        Assert.True(await SealedKeys.IsBoundToAsync(Store, kek));
        var configText = await File.ReadAllTextAsync(Config);

        var second = await InitAsync("--domain", "other.example");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(kek, await File.ReadAllTextAsync(KeyFile));
        Assert.Equal(configText, await File.ReadAllTextAsync(Config));
        Assert.Contains("Kept", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_AccountAndDomainFlags_WrittenIntoTheConfiguration()
    {
        _init.Password.Dispose(); // MPKI__Providers__emulator__Password would add an account "emulator" without a Type
        var result = await InitAsync("--provider-type", "sectigo", "--account", "dfn", "--customer-uri", "acme", "--login", "gw-operator", "--organization-id", "4242", "--domain", "Example.NET", "--domain", "example.io");

        Assert.True(result.ExitCode == 0, result.ToString());
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Config))!;
        var account = config["Providers"]!["dfn"]!;
        Assert.Equal("sectigo", account["Type"]!.GetValue<string>());
        Assert.Equal("acme", account["CustomerUri"]!.GetValue<string>());
        Assert.Equal("gw-operator", account["Login"]!.GetValue<string>());
        Assert.Equal("4242", account["OrganizationId"]!.GetValue<string>());
        Assert.Equal(new[] { "example.net", "example.io" }, config["Domains"]!.AsArray().Select(d => d!["Domain"]!.GetValue<string>()).ToArray());
        Assert.All(config["Domains"]!.AsArray(), d => Assert.Equal("dfn", d!["Provider"]!.GetValue<string>()));

        var list = await CliRunner.RunAsync("domains", "list", "--json", "--config", Config);
        Assert.True(list.ExitCode == 0, list.ToString());
    }

    [Fact]
    public async Task GatewayRun_AnotherKeyEncryptionKey_OneLineNamingBothExit2NothingWritten()
    {
        Assert.Equal(0, (await InitAsync()).ExitCode);
        var message = Directory.GetFiles(RepositoryPaths.Mail, "0001-outbound.eml").Single();
        File.Copy(message, Path.Combine(Data, "spool", "0001-outbound.eml"));
        var other = Folder.Combine("other.b64");
        await File.WriteAllTextAsync(other, KeyEncryptionKey.Generate());
        Environment.SetEnvironmentVariable("MPKI__KeyEncryptionKey", "file:" + other);

        var result = await CliRunner.RunAsync("gateway", "run", "--once", "--config", Config);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(other, line, StringComparison.Ordinal);
        Assert.Contains(KeyFile, line, StringComparison.Ordinal);
        Assert.Contains(Store, line, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Data, "spool", "0001-outbound.eml")));
        Assert.Empty(Directory.GetFiles(Path.Combine(Data, "outbox")));
        Assert.Empty(Directory.GetFiles(Path.Combine(Data, "deferred")));
    }

    [Fact]
    public async Task KekRotate_SealedKeys_NewKeyOpensEveryKeyOldKeyRefused()
    {
        Assert.Equal(0, (await InitAsync()).ExitCode);
        var oldKek = await File.ReadAllTextAsync(KeyFile);
        await SealedKeys.CreateAsync(Store, oldKek.Trim(), 5);
        var newFile = Path.Combine(Data, "kek-2.b64");

        var rotate = await CliRunner.RunAsync("kek", "rotate", "--new", newFile, "--config", Config, "--json");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        using (var json = JsonDocument.Parse(rotate.Output))
        {
            Assert.Equal(5, json.RootElement.GetProperty("resealed").GetInt32());
        }

        var newKek = await File.ReadAllTextAsync(newFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(newFile));
        Assert.Equal(5, await SealedKeys.CountOpeningAsync(Store, newKek));
        Assert.Equal(0, await SealedKeys.CountOpeningAsync(Store, oldKek));
        Assert.True(await SealedKeys.IsBoundToAsync(Store, newKek));
        Assert.Equal("file:../data/kek-2.b64", JsonNode.Parse(await File.ReadAllTextAsync(Config))!["KeyEncryptionKey"]!.GetValue<string>());

        Environment.SetEnvironmentVariable("MPKI__KeyEncryptionKey", "file:" + KeyFile);
        var withOld = await CliRunner.RunAsync("renew", "--config", Config);
        Assert.True(withOld.ExitCode == 2, withOld.ToString());
        Assert.Contains(newFile, Assert.Single(withOld.ErrorLines), StringComparison.Ordinal);
    }

    private Task<CliResult> InitAsync(params string[] more) => _init.InitAsync(more);
}
