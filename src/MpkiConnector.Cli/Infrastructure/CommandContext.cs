using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>What a command's action gets: the parse result, where to write, the configuration (loaded on demand).</summary>
internal sealed class CommandContext
{
    private readonly Option<string>? _configOption;
    private readonly string _defaultConfig;
    private IConfigurationRoot? _configuration;

    public CommandContext(ParseResult parseResult, CliIo io, SecretRedactor redactor, Option<bool> verbose, Option<string>? configOption, string defaultConfig, CancellationToken cancellationToken)
    {
        _defaultConfig = defaultConfig;
        ParseResult = parseResult;
        Io = io;
        Redactor = redactor;
        _configOption = configOption;
        Verbose = parseResult.GetValue(verbose);
        CancellationToken = cancellationToken;
    }

    public ParseResult ParseResult { get; }

    public CliIo Io { get; }

    public SecretRedactor Redactor { get; }

    public bool Verbose { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The configuration file, resolved to a full path.</summary>
    public string ConfigPath
    {
        get
        {
            var given = _configOption is null ? _defaultConfig : ParseResult.GetValue(_configOption) ?? _defaultConfig;
            return CliConfiguration.ResolvePath(given, _defaultConfig);
        }
    }

    /// <summary>The configuration: the file, then <c>MPKI__</c> environment variables.</summary>
    public IConfigurationRoot Configuration => _configuration ??= CliConfiguration.Load(ConfigPath, Redactor);

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>Writes a line (redacted) to standard output.</summary>
    public void WriteLine(string text = "") => Io.Out.WriteLine(Redactor.Redact(text));

    /// <summary>Writes a detail line when --verbose is on.</summary>
    public void Detail(string text)
    {
        if (Verbose)
        {
            Io.Error.WriteLine(Redactor.Redact(text));
        }
    }
}
