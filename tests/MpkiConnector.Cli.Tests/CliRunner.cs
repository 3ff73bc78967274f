using MpkiConnector.Cli;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Tests;

/// <summary>Runs the mpki command tree in-process with captured standard output and error.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public static async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MpkiCli.RunAsync(args, new CliIo(output, error, interactive: false), cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
