using Spectre.Console;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Where the CLI writes: standard output and error, and whether a person watches (progress bars, colours).</summary>
internal sealed class CliIo
{
    public CliIo(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!interactive)
        {
            Console.Profile.Width = 200;
        }
    }

    /// <summary>Standard output (JSON goes here unchanged).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: one line per error.</summary>
    public TextWriter Error { get; }

    /// <summary>A terminal with a person at it (not redirected, not CI).</summary>
    public bool Interactive { get; }

    /// <summary>Spectre.Console over <see cref="Out"/> for tables and progress.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The process's own console.</summary>
    public static CliIo FromProcess()
    {
        var ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        var interactive = !ci && !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected;
        return new CliIo(System.Console.Out, System.Console.Error, interactive);
    }
}
