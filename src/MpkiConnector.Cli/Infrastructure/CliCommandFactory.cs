using System.CommandLine;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Makes commands whose actions get a <see cref="CommandContext"/>.</summary>
internal sealed class CliCommandFactory(CliIo io, SecretRedactor redactor, Option<bool> verbose)
{
    public CliIo Io => io;

    /// <summary>A leaf command with its own --config option (default <paramref name="defaultConfig"/>).</summary>
    public Command Leaf(string name, string description, Func<CommandContext, Task<int>> action, string defaultConfig = CliConfiguration.DefaultGatewayConfig, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        var config = CommonOptions.Config(defaultConfig);
        command.Options.Add(config);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                default:
                    throw new ArgumentException($"Unsupported symbol {symbol.GetType().Name}.", nameof(symbols));
            }
        }

        command.SetAction((parseResult, cancellationToken) =>
            action(new CommandContext(parseResult, io, redactor, verbose, config, defaultConfig, cancellationToken)));
        return command;
    }

    /// <summary>A group of subcommands (no action of its own).</summary>
    public static Command Group(string name, string description, params Command[] subcommands)
    {
        var command = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }
}
