using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
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
    /// <summary>
    /// Creates the gateway. Logs go to standard error: from <paramref name="minimumLevel"/> up, everything with --verbose.
    /// A secret the command does not need (<paramref name="secrets"/>) is not asked for: a placeholder stands in for it,
    /// and the command never reaches the code that would use it.
    /// </summary>
    public static MpkiGateway Create(CommandContext ctx, LogLevel minimumLevel = LogLevel.None, Action<GatewayBuildOptions>? configure = null, CommandSecrets secrets = CommandSecrets.All)
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

        if (!secrets.HasFlag(CommandSecrets.KeyEncryptionKey))
        {
            // Seals nothing: this command neither opens nor creates a private key.
            build.Overrides["KeyEncryptionKey"] = "base64:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        if (!secrets.HasFlag(CommandSecrets.CaPassword))
        {
            foreach (var account in ctx.Configuration.GetSection("Providers").GetChildren())
            {
                if (string.IsNullOrEmpty(account["Password"]))
                {
                    build.Overrides[$"Providers:{account.Key}:Password"] = "not-needed-by-this-command";
                }
            }
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

    /// <summary>Creates the gateway for a command that opens or creates private keys: the key-encryption key is checked against the store first.</summary>
    public static async Task<MpkiGateway> CreateWithKeysAsync(CommandContext ctx, LogLevel minimumLevel = LogLevel.None, Action<GatewayBuildOptions>? configure = null)
    {
        string? kekOverride = null;
        var gateway = Create(ctx, minimumLevel, build =>
        {
            configure?.Invoke(build);
            build.Overrides.TryGetValue("KeyEncryptionKey", out kekOverride);
        });
        try
        {
            await KekBinding.VerifyAsync(ctx, gateway, kekOverride, ctx.CancellationToken).ConfigureAwait(false);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The store's key-encryption key binding.</summary>
    public static MpkiConnector.Storage.IKeyEncryptionKeyBinding Binding(MpkiGateway gateway) =>
        gateway.Services.GetService<MpkiConnector.Storage.IKeyEncryptionKeyBinding>()
        ?? throw CliException.Configuration("Store: this store cannot record which key-encryption key it is bound to");
}
