using MpkiConnector.Cli;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Tests;

/// <summary>Runs the mpki command tree in-process with captured standard output and error.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MpkiCli.RunAsync(args, new CliIo(output, error, interactive: false));
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
