using System.Diagnostics;
using System.Text.Json;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary>mpki as an operator gets it: packed as a .NET tool, installed from a local folder, run from an empty folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ToolInstallTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PackInstallRun_FromAnEmptyFolder_VersionInitAndDemoWork()
    {
        var stopwatch = Stopwatch.StartNew();
        var packages = _folder.Combine("packages");
        var tools = _folder.Combine("tools");
        var work = _folder.Combine("work");
        Directory.CreateDirectory(work);
        var project = Path.Combine(RepositoryPaths.Root, "src", "MpkiConnector.Cli", "MpkiConnector.Cli.csproj");

        var pack = await ProcessRunner.RunAsync("dotnet", RepositoryPaths.Root, null, "pack", project, "-c", "Release", "--no-build", "-o", packages);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var nugetConfig = _folder.Combine("nuget.config");
        await File.WriteAllTextAsync(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """);
        var install = await ProcessRunner.RunAsync("dotnet", work, null, "tool", "install", "mpki", "--tool-path", tools, "--configfile", nugetConfig);
        Assert.True(install.ExitCode == 0, install.ToString());
        var mpki = Path.Combine(tools, "mpki");

        var version = await ProcessRunner.RunAsync(mpki, work, null, "--version");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith("0.", version.Output.Trim(), StringComparison.Ordinal);

        var mail = _folder.Combine("mail");
        Directory.CreateDirectory(mail);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Mail, "000*-outbound.eml").Order(StringComparer.Ordinal).Take(3))
        {
            File.Copy(file, Path.Combine(mail, Path.GetFileName(file)));
        }

        var demo = await ProcessRunner.RunAsync(mpki, work, null, "demo", "--mail", mail, "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        using (var run = JsonDocument.Parse(demo.Output))
        {
            Assert.Equal(3, run.RootElement.GetProperty("inputMessages").GetInt32());
            Assert.True(run.RootElement.GetProperty("signed").GetInt32() >= 3, demo.Output);
        }

        var init = await ProcessRunner.RunAsync(mpki, work, null, "init", "--json");
        Assert.True(init.ExitCode == 0, init.ToString());
        using (var created = JsonDocument.Parse(init.Output))
        {
            Assert.True(created.RootElement.GetProperty("configCreated").GetBoolean());
            Assert.True(created.RootElement.GetProperty("storeCreated").GetBoolean());
        }

        Assert.True(File.Exists(Path.Combine(work, "config", "gateway.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(work, ".mpki", "gateway", "kek.b64")));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(90), $"took {stopwatch.Elapsed}");
    }
}
