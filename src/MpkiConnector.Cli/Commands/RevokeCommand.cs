using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki revoke (ADDRESS | --serial S) [--reason R] [--yes]</c>.</summary>
internal static class RevokeCommand
{
    public static Command Create(CliCommandFactory factory)
    {
        var address = new Argument<string?>("ADDRESS") { Description = "Revoke the active certificate of this address", Arity = ArgumentArity.ZeroOrOne };
        var serial = new Option<string?>("--serial") { Description = "Revoke the certificate with this serial number (hex)", HelpName = "S" };
        var reason = new Option<MpkiRevocationReason>("--reason") { Description = "Unspecified, KeyCompromise, AffiliationChanged, Superseded, CessationOfOperation", DefaultValueFactory = _ => MpkiRevocationReason.Unspecified, HelpName = "R" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (needed when there is no terminal)" };
        var json = CommonOptions.Json();
        var command = factory.Leaf(
            "revoke",
            "Revokes a certificate at the CA and marks it revoked in the store (asks first, unless --yes)",
            ctx => RevokeHandlers.RevokeAsync(ctx, ctx.Get(address), ctx.Get(serial), ctx.Get(reason), ctx.Get(yes), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            address,
            serial,
            reason,
            yes,
            json);
        command.Validators.Add(result =>
        {
            var hasAddress = result.GetValue(address) is { Length: > 0 };
            var hasSerial = result.GetValue(serial) is { Length: > 0 };
            if (hasAddress == hasSerial)
            {
                result.AddError("give exactly one of ADDRESS or --serial S");
            }
        });
        return command;
    }
}
