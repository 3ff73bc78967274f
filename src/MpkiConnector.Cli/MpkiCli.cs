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

        if (args.Length == 0)
        {
            return await ShowHelpAsync(root, [], io, cancellationToken).ConfigureAwait(false);
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
        {
            io.Error.WriteLine($"mpki: error: {ParseErrors.Describe(parseResult)} (see {ParseErrors.CommandPath(parseResult)} --help)");
            if (parseResult.UnmatchedTokens.Count > 0 || parseResult.Errors.Any(e => e.Message.StartsWith("Required command", StringComparison.Ordinal)))
            {
                var path = ParseErrors.CommandPath(parseResult).Split(' ').Skip(1).ToArray();
                await ShowHelpAsync(root, path, io, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.UsageOrConfiguration;
        }

        try
        {
            var invocation = new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false };
            if (GatewayServeCommand.TerminationTimeout(parseResult, redactor) is { } drain)
            {
                invocation.ProcessTerminationTimeout = drain; // Ctrl+C/SIGTERM: the SMTP server drains within its configured bound
            }

            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the CLI's last line: every failure becomes one line and an exit code
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ErrorReporter.Report(ex, io, redactor, parseResult.GetValue(verbose));
        }
    }

    private static async Task<int> ShowHelpAsync(RootCommand root, string[] path, CliIo io, CancellationToken cancellationToken)
    {
        var invocation = new InvocationConfiguration { Output = io.Out, Error = io.Error };
        await root.Parse([.. path, "--help"]).InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The command tree (tests walk it).</summary>
    internal static RootCommand BuildRoot(CliIo io) =>
        BuildRoot(new CliCommandFactory(io, new SecretRedactor(), CommonOptions.Verbose), CommonOptions.Verbose);

    private static RootCommand BuildRoot(CliCommandFactory factory, Option<bool> verbose)
    {
        var root = new RootCommand("mpki: S/MIME certificates from a managed PKI account, for the users of the mail domains a gateway manages.");
        root.Options.Add(verbose);
        root.Subcommands.Add(DemoCommand.Create(factory));
        root.Subcommands.Add(InitCommand.Create(factory));
        root.Subcommands.Add(KekCommands.Create(factory));
        root.Subcommands.Add(EmulatorCommand.Create(factory));
        root.Subcommands.Add(ProviderCommands.Create(factory));
        root.Subcommands.Add(DomainsCommands.Create(factory));
        root.Subcommands.Add(GatewayCommands.Create(factory));
        root.Subcommands.Add(CertsCommands.Create(factory));
        root.Subcommands.Add(RenewCommand.Create(factory));
        root.Subcommands.Add(RevokeCommand.Create(factory));
        root.Subcommands.Add(OrdersCommands.Create(factory));
        root.Subcommands.Add(StoreCommands.Create(factory));
        root.Subcommands.Add(MessageCommands.Create(factory));
        root.Subcommands.Add(TpmCommands.Create(factory));
        return root;
    }
}
