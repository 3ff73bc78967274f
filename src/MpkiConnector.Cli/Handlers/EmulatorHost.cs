using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Sectigo.Emulator;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki emulator</c>: the local SCM until Ctrl+C.</summary>
internal static class EmulatorHost
{
    public const string DefaultUrl = "http://127.0.0.1:8088";

    public static async Task<int> RunAsync(CommandContext ctx, string? urls, string dataFolder)
    {
        var explicitConfig = ctx.ParseResult.Tokens.Any(t => t.Value is "--config" or "-c");
        var options = LoadOptions(ctx.ConfigPath, dataFolder, explicitConfig);
        if (!string.IsNullOrWhiteSpace(urls))
        {
            options.Urls = [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            foreach (var url in options.Urls)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                {
                    throw CliException.Configuration($"--urls: '{url}' is not a listening address such as {DefaultUrl}");
                }
            }
        }
        else if (options.Urls.Count == 0 || options.Urls.All(u => u.EndsWith(":0", StringComparison.Ordinal)))
        {
            options.Urls = [DefaultUrl];
        }

        using var loggerFactory = ctx.Verbose
            ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information))
            : NullLoggerFactory.Instance;
        await using var emulator = await ScmEmulator.StartAsync(options, loggerFactory, TimeProvider.System, ctx.CancellationToken).ConfigureAwait(false);
        ctx.WriteLine($"SCM emulator on {emulator.BaseAddress} (data: {options.DataDirectory}); Ctrl+C stops it.");
        foreach (var customer in options.Customers)
        {
            foreach (var account in customer.Accounts)
            {
                ctx.WriteLine($"  customerUri={customer.CustomerUri} login={account.Login} (password: as configured, not shown)");
            }
        }

        ctx.WriteLine($"  root CA: {Path.Combine(options.DataDirectory, "ca-root.pem")}");
        ctx.WriteLine($"  gateway: set Providers:NAME:BaseUrl to {emulator.BaseAddress} and MPKI__Providers__NAME__Password in the environment");
        ctx.Io.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, ctx.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ctx.WriteLine("SCM emulator stopped.");
        }

        return ExitCodes.Success;
    }

    /// <summary>The emulator's options: the configuration file when there is one, else the built-in default account.</summary>
    public static ScmEmulatorOptions LoadOptions(string configPath, string dataFolder, bool explicitConfig)
    {
        ScmEmulatorOptions options;
        if (File.Exists(configPath))
        {
            try
            {
                options = ScmEmulatorOptions.Load(configPath);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
            {
                throw CliException.Configuration($"emulator configuration '{configPath}' is not valid: {ex.Message}");
            }
        }
        else if (explicitConfig)
        {
            throw CliException.Configuration($"emulator configuration file '{configPath}' not found");
        }
        else
        {
            options = ScmEmulatorOptions.CreateDefault(dataFolder);
            options.Urls = [DefaultUrl];
        }

        options.DataDirectory = dataFolder;
        try
        {
            options.Validate();
        }
        catch (InvalidOperationException ex)
        {
            throw CliException.Configuration($"emulator configuration: {ex.Message}");
        }

        return options;
    }
}
