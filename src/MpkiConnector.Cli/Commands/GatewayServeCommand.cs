using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Smtp;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki gateway serve</c>.</summary>
internal static class GatewayServeCommand
{
    /// <summary>Time beyond <see cref="SmtpOptions.DrainTimeout"/> for the work in hand when the drain ends (a message being signed, the folders).</summary>
    public static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long Ctrl+C or SIGTERM waits for <c>gateway serve</c> to stop gracefully before the process ends anyway
    /// (System.CommandLine's <c>ProcessTerminationTimeout</c>): the configured <c>Smtp.DrainTimeout</c>, which bounds the
    /// drain of sessions and relay, plus <see cref="StopMargin"/>. Null for every other command (they keep the default).
    /// </summary>
    public static TimeSpan? TerminationTimeout(ParseResult parseResult, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = parseResult.CommandResult;
        if (command.Command.Name != "serve" || command.Parent is not CommandResult { Command.Name: "gateway" })
        {
            return null;
        }

        var drain = new SmtpOptions().DrainTimeout;
        var config = command.Command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == "--config");
        try
        {
            var path = CliConfiguration.ResolvePath(parseResult.GetValue(config!) ?? CliConfiguration.DefaultGatewayConfig, CliConfiguration.DefaultGatewayConfig);
            if (TimeSpan.TryParse(CliConfiguration.Load(path, redactor)["Smtp:DrainTimeout"], CultureInfo.InvariantCulture, out var configured) && configured >= TimeSpan.Zero)
            {
                drain = configured;
            }
        }
        catch (Exception ex) when (ex is CliException or IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            // the command itself reports a configuration it cannot read
        }

        return drain + StopMargin;
    }

    public static Command Create(CliCommandFactory factory)
    {
        var listen = new Option<string?>("--listen") { Description = "Address and port to listen on (default: Smtp.Listen, 127.0.0.1:2525)", HelpName = "ADDRESS:PORT" };
        var nextHop = new Option<string?>("--next-hop") { Description = "Where processed mail goes (default: Smtp.NextHop, 127.0.0.1:10026)", HelpName = "HOST:PORT" };
        return factory.Leaf(
            "serve",
            "Runs the gateway as an SMTP server: takes mail in, signs it, relays it to the next hop (Ctrl+C stops it gracefully)",
            ctx => GatewayServeHandler.ServeAsync(ctx, ctx.Get(listen), ctx.Get(nextHop)),
            CliConfiguration.DefaultGatewayConfig,
            listen,
            nextHop);
    }
}
