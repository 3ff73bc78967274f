using System.Diagnostics;
using Xunit;

namespace MpkiConnector.TestUtils;

/// <summary>Runs the openssl command line to check what we produce: captures its output, asserts its exit code.</summary>
public static class OpenSslRunner
{
    /// <summary>Runs openssl with <paramref name="args"/>; returns the exit code and stdout + stderr.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Runs openssl and asserts it exits with 0; returns its output.</summary>
    public static async Task<string> RunSuccessfullyAsync(params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);
        Assert.True(exitCode == 0, $"openssl {string.Join(' ', args)} exited with {exitCode}: {output}");
        return output;
    }
}
