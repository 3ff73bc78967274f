using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Packaging.IntegrationTests;

/// <summary>
/// Packs every library under src/ into a local folder with a version no cache has seen, then builds and runs a
/// project outside the repository that restores them from that folder (third-party packages from the usual
/// sources) and issues one certificate from the emulator on 127.0.0.1.
/// </summary>
public sealed class PackageConsumerTests
{
    private static readonly string[] Libraries =
    [
        "MpkiConnector.Abstractions", "MpkiConnector", "MpkiConnector.Sectigo", "MpkiConnector.Sectigo.Emulator",
        "MpkiConnector.Storage.Sqlite", "MpkiConnector.Storage.PostgreSql", "MpkiConnector.Tpm", "MpkiConnector.Gateway", "MpkiConnector.Testing",
    ];

    [Fact]
    public async Task Pack_ThrowawayProjectFromLocalFolder_IssuesCertificateFromEmulator()
    {
        using var temp = new TempDirectory("mpki-pack");
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var feed = temp.Combine("feed");
        try
        {
            var filter = temp.File("libraries.slnf");
            await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new
            {
                solution = new
                {
                    path = Path.Combine(RepositoryRoot.Path, "MpkiConnector.sln"),
                    projects = Libraries.Select(name => $"src/{name}/{name}.csproj").ToArray(),
                },
            }));
            var packOutput = await DotnetCli.RunSuccessfullyAsync(temp.Path, null,
                "pack", filter, "-c", "Release", "-o", feed, "--artifacts-path", temp.Combine("artifacts"),
                "-p:Version=" + version, "--disable-build-servers", "-nodeReuse:false");
            Assert.DoesNotContain(": warning", packOutput, StringComparison.OrdinalIgnoreCase);
            foreach (var name in Libraries)
            {
                AssertPackageShape(Path.Combine(feed, $"{name}.{version}.nupkg"), name);
                Assert.True(File.Exists(Path.Combine(feed, $"{name}.{version}.snupkg")), $"no symbols package for {name}");
            }

            await using var emulator = await RunningEmulator.StartAsync();
            var consumer = temp.Combine("consumer");
            Directory.CreateDirectory(consumer);
            var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
            File.Copy(Path.Combine(template, "Consumer.csproj.txt"), Path.Combine(consumer, "Consumer.csproj"));
            File.Copy(Path.Combine(template, "Program.cs.txt"), Path.Combine(consumer, "Program.cs"));
            await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
                <configuration>
                  <packageSources>
                    <add key="mpki-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);

            var output = await DotnetCli.RunSuccessfullyAsync(consumer,
                new Dictionary<string, string> { ["SCM_PASSWORD"] = RunningEmulator.DefaultPassword },
                "run", "-c", "Release", "-p:MpkiVersion=" + version, "--disable-build-servers", "--",
                emulator.BaseAddress.ToString(), temp.File("consumer.db"), "jane.doe@example.com");

            Assert.Contains("issued jane.doe@example.com serial ", output, StringComparison.Ordinal);
            Assert.Equal(1, await emulator.Emulator.CountOrdersAsync(RunningEmulator.DefaultCustomerUri));
            var assets = await File.ReadAllTextAsync(Path.Combine(consumer, "obj", "project.assets.json"));
            Assert.Contains($"MpkiConnector.Sectigo/{version}", assets, StringComparison.Ordinal);
        }
        finally
        {
            RemoveFromPackageCache(version);
        }
    }

    private static void AssertPackageShape(string package, string name)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("README.md", entries);
        Assert.Contains($"lib/net10.0/{name}.dll", entries);
        Assert.Contains($"lib/net10.0/{name}.xml", entries);
        using var reader = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var nuspec = reader.ReadToEnd();
        foreach (var element in new[] { "<readme>README.md</readme>", "<license type=\"expression\">", "<repository type=\"git\"", "<tags>", "<description>" })
        {
            Assert.True(nuspec.Contains(element, StringComparison.Ordinal), $"{name}: no {element} in the nuspec");
        }
    }

    /// <summary>The test's own versions would otherwise pile up in the global packages folder.</summary>
    private static void RemoveFromPackageCache(string version)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var name in Libraries)
        {
            var folder = Path.Combine(cache, name.ToLowerInvariant(), version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
