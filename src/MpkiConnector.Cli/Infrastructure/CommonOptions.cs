using System.CommandLine;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Options that every command takes.</summary>
internal static class CommonOptions
{
    /// <summary>--verbose: on the root, recursive.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show details, and the stack trace of an error",
        Recursive = true,
    };

    /// <summary>A new --config option (each command has its own, with its own default).</summary>
    public static Option<string> Config(string defaultPath = CliConfiguration.DefaultGatewayConfig) => new("--config", "-c")
    {
        Description = $"Configuration file (default {defaultPath}); MPKI__Section__Key environment variables override it",
        DefaultValueFactory = _ => defaultPath,
        HelpName = "FILE",
    };

    /// <summary>A new --json option.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Machine-readable output (JSON on standard output)",
    };
}
