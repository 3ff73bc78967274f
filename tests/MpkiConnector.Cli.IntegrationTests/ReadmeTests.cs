using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary>The README's quick start and CLI examples (its <c>bash tested</c> blocks), run as written in an empty folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ReadmeTests : IDisposable
{
    private readonly TempDirectory _folder = new("mpki-readme");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TestedBlocks_RunInOrderFromAnEmptyFolder_EveryCommandSucceeds()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"));
        var blocks = TestedBlock().Matches(readme).Select(m => m.Groups["body"].Value).ToArray();
        Assert.True(blocks.Length >= 2, "the README has no 'bash tested' blocks");
        Assert.Contains(blocks, b => b.Contains("mpki init", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Contains("mpki message verify", StringComparison.Ordinal));

        // The only changes: 'mpki' is the built tool, and the emulator's port is a free one (tests run side by side).
        var port = FreePort();
        var mpkiDll = Path.Combine(RepositoryPaths.Root, "src", "MpkiConnector.Cli", "bin", "Release", "net10.0", "mpki.dll");
        var bin = _folder.Combine("bin");
        Directory.CreateDirectory(bin);
        await File.WriteAllTextAsync(Path.Combine(bin, "mpki"), $"#!/bin/sh\nexec dotnet \"{mpkiDll}\" \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(bin, "mpki"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = $"""
            set -euo pipefail
            trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
            export PATH="{bin}:$PATH"
            export MPKI__Providers__emulator__BaseUrl=http://127.0.0.1:{port}/
            set -x
            {string.Join("\n", blocks).Replace("127.0.0.1:8088", $"127.0.0.1:{port}", StringComparison.Ordinal)}
            """;
        var path = _folder.Combine("readme.sh");
        await File.WriteAllTextAsync(path, script);
        var work = _folder.Combine("work");
        Directory.CreateDirectory(work);

        var result = await ProcessRunner.RunAsync("bash", work, new Dictionary<string, string?> { ["MPKI__Providers__emulator__Password"] = null }, path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("signature valid", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, "anna.pem")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^```bash tested\n(?<body>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TestedBlock();
}
