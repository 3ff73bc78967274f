using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary><c>mpki kek rotate</c> as a child process, killed at several points: the store is never left half-rotated.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KekRotateKillTests : IDisposable
{
    private readonly InitFolder _init = new();

    public void Dispose() => _init.Dispose();

    private TempDirectory Folder => _init.Folder;

    private string Config => _init.Config;

    private string Data => _init.Data;

    private string KeyFile => _init.KeyFile;

    private string Store => _init.Store;

    [Fact]
    public async Task KekRotate_KilledAtAnyPoint_EveryKeyOpensWithTheOldOrEveryKeyWithTheNew()
    {
        Assert.Equal(0, (await InitAsync()).ExitCode);
        var oldKek = (await File.ReadAllTextAsync(KeyFile)).Trim();
        const int Keys = 400;
        await SealedKeys.CreateAsync(Store, oldKek, Keys);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var template = Folder.Combine("template");
        Directory.CreateDirectory(template);
        var files = Directory.GetFiles(Data, "mpki.db*");
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(template, Path.GetFileName(file)));
        }

        var configText = await File.ReadAllTextAsync(Config);
        var mpkiDll = Path.Combine(RepositoryPaths.Root, "src", "MpkiConnector.Cli", "bin", "Release", "net10.0", "mpki.dll");
        var outcomes = new List<string>();
        foreach (var killAfter in new[] { 400, 700, 1000, 1300, 1600, 2000, 60_000 })
        {
            foreach (var file in Directory.GetFiles(Data, "mpki.db*"))
            {
                File.Delete(file);
            }

            foreach (var file in Directory.GetFiles(template))
            {
                File.Copy(file, Path.Combine(Data, Path.GetFileName(file)));
            }

            await File.WriteAllTextAsync(Config, configText);
            var newFile = Path.Combine(Data, "kek-new.b64");
            File.Delete(newFile);
            await File.WriteAllTextAsync(newFile, KeyEncryptionKey.Generate());
            var newKek = (await File.ReadAllTextAsync(newFile)).Trim();

            var killed = await RunAndKillAsync(mpkiDll, killAfter, "kek", "rotate", "--new", newFile, "--config", Config);

            var withOld = await SealedKeys.CountOpeningAsync(Store, oldKek);
            var withNew = await SealedKeys.CountOpeningAsync(Store, newKek);
            Assert.True(withOld == Keys || withNew == Keys, $"killed after {killAfter} ms: {withOld} keys open with the old key, {withNew} with the new");
            Assert.True(await SealedKeys.IsBoundToAsync(Store, withOld == Keys ? oldKek : newKek), $"killed after {killAfter} ms: the check value is not that of the key that opens the keys");
            outcomes.Add($"{killAfter}:{(killed ? "killed" : "finished")}:{(withOld == Keys ? "old" : "new")}");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        Assert.Contains(outcomes, o => o.EndsWith(":new", StringComparison.Ordinal));
    }

    private static async Task<bool> RunAndKillAsync(string dll, int killAfterMilliseconds, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(killAfterMilliseconds);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, await output + await error);
            return false;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return true;
        }
    }

    private Task<CliResult> InitAsync(params string[] more) => _init.InitAsync(more);
}
