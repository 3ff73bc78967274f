using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Sectigo;
using MpkiConnector.Testing;

namespace MpkiConnector.Cli.Handlers;

/// <summary>Builds the gateway from the command's configuration; configuration mistakes become one line (exit 2).</summary>
internal static class GatewayFactory
{
    /// <summary>Creates the gateway. Logs go to standard error: from <paramref name="minimumLevel"/> up, everything with --verbose.</summary>
    public static MpkiGateway Create(CommandContext ctx, LogLevel minimumLevel = LogLevel.None, Action<GatewayBuildOptions>? configure = null)
    {
        // Reads the file first: a JSON mistake gets its line and position, and every secret value is known to the redactor.
        _ = ctx.Configuration;
        var level = ctx.Verbose ? LogLevel.Information : minimumLevel;
        var build = new GatewayBuildOptions();
        foreach (var factory in BuiltInProviders())
        {
            build.ProviderFactories.Add(factory);
        }

        if (level != LogLevel.None)
        {
            var verbose = ctx.Verbose;
            var redactor = ctx.Redactor;
            build.ConfigureLogging = logging => logging
                .SetMinimumLevel(level)
                .AddConsole(o => o.FormatterName = CliLogFormatter.FormatterName)
                .AddConsoleFormatter<CliLogFormatter, CliLogFormatterOptions>(o =>
                {
                    o.StackTraces = verbose;
                    o.Redactor = redactor;
                })
                .AddFilter("System.Net.Http", LogLevel.Warning)
                .AddFilter("Microsoft", LogLevel.Warning)
                .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        configure?.Invoke(build);
        try
        {
            return MpkiGateway.Create(ctx.ConfigPath, build);
        }
        catch (GatewayConfigurationException ex)
        {
            throw CliException.Configuration($"configuration '{ctx.ConfigPath}': {string.Join("; ", ex.Errors)}", ex);
        }
    }

    /// <summary>The provider types of the CLI, each a factory like a plugin's: <c>sectigo</c>, <c>emulator</c>, <c>fake</c>.</summary>
    private static IEnumerable<Plugins.IMpkiProviderFactory> BuiltInProviders() =>
    [
        new SectigoMpkiProviderFactory(),
        new SectigoMpkiProviderFactory(SectigoMpkiProviderFactory.EmulatorType),
        new FakeMpkiProviderFactory(),
    ];
}
