using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>What a command's action gets: the parse result, where to write, the configuration (loaded on demand).</summary>
internal sealed class CommandContext
{
    private readonly Option<string>? _configOption;
    private readonly string _defaultConfig;
    private IConfigurationRoot? _configuration;
    private string? _configPath;

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
            if (_configPath is not null)
            {
                return _configPath;
            }

            var given = _configOption is null ? _defaultConfig : ParseResult.GetValue(_configOption) ?? _defaultConfig;
            return CliConfiguration.ResolvePath(given, _defaultConfig);
        }
    }

    /// <summary>Whether --config was given on the command line.</summary>
    public bool ConfigGiven => ParseResult.Tokens.Any(t => t.Value is "--config" or "-c");

    /// <summary>The --config value as given (not searched upwards), as a full path.</summary>
    public string ConfigPathAsGiven => Path.GetFullPath(_configOption is null ? _defaultConfig : ParseResult.GetValue(_configOption) ?? _defaultConfig);

    /// <summary>Uses <paramref name="path"/> as the configuration file (before it is first read).</summary>
    public void UseConfig(string path) => _configPath = Path.GetFullPath(path);

    /// <summary>The configuration: the file, then <c>MPKI__</c> environment variables.</summary>
    public IConfigurationRoot Configuration => _configuration ??= CliConfiguration.Load(ConfigPath, Redactor);

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>Writes a line (redacted) to standard output.</summary>
    public void WriteLine(string text = "") => Io.Out.WriteLine(Redactor.Redact(text));

    /// <summary>Writes a progress line: to standard output, or to standard error under --json so standard output stays one JSON document.</summary>
    public void Progress(bool json, string text) => (json ? Io.Error : Io.Out).WriteLine(Redactor.Redact(text));

    /// <summary>Writes a detail line when --verbose is on.</summary>
    public void Detail(string text)
    {
        if (Verbose)
        {
            Io.Error.WriteLine(Redactor.Redact(text));
        }
    }
}
