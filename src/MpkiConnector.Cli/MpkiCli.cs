using System.CommandLine;
using MpkiConnector.Cli.Commands;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli;

/// <summary>The <c>mpki</c> command tree: parse, run, and turn every failure into one line and an exit code.</summary>
internal static class MpkiCli
{
    public static async Task<int> RunAsync(string[] args, CliIo io, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(io);
        var redactor = new SecretRedactor();
        redactor.AddFromEnvironment();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show details, and the stack trace of an error", Recursive = true };
        var root = BuildRoot(new CliCommandFactory(io, redactor, verbose), verbose);

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
        {
            var messages = parseResult.Errors
                .Select(e => string.Join(" ", e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(m => m.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0);
            io.Error.WriteLine($"mpki: error: {string.Join("; ", messages)} (see mpki --help)");
            return ExitCodes.UsageOrConfiguration;
        }

        try
        {
            var invocation = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the CLI's last line: every failure becomes one line and an exit code
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ErrorReporter.Report(ex, io, redactor, parseResult.GetValue(verbose));
        }
    }

    private static RootCommand BuildRoot(CliCommandFactory factory, Option<bool> verbose)
    {
        var root = new RootCommand("mpki: S/MIME certificates from a managed PKI account, for the users of the mail domains a gateway manages.");
        root.Options.Add(verbose);
        root.Subcommands.Add(DemoCommand.Create(factory));
        root.Subcommands.Add(EmulatorCommand.Create(factory));
        root.Subcommands.Add(ProviderCommands.Create(factory));
        root.Subcommands.Add(DomainsCommands.Create(factory));
        root.Subcommands.Add(GatewayCommands.Create(factory));
        root.Subcommands.Add(CertsCommands.Create(factory));
        root.Subcommands.Add(RenewCommand.Create(factory));
        root.Subcommands.Add(RevokeCommand.Create(factory));
        root.Subcommands.Add(TpmCommands.Create(factory));
        return root;
    }
}
