using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki revoke (ADDRESS | --serial S) [--reason R]</c>.</summary>
internal static class RevokeCommand
{
    public static Command Create(CliCommandFactory factory)
    {
        var address = new Argument<string?>("ADDRESS") { Description = "Revoke the active certificate of this address", Arity = ArgumentArity.ZeroOrOne };
        var serial = new Option<string?>("--serial") { Description = "Revoke the certificate with this serial number (hex)", HelpName = "S" };
        var reason = new Option<MpkiRevocationReason>("--reason") { Description = "Unspecified, KeyCompromise, AffiliationChanged, Superseded, CessationOfOperation", DefaultValueFactory = _ => MpkiRevocationReason.Unspecified, HelpName = "R" };
        var command = factory.Leaf(
            "revoke",
            "Revokes a certificate at the CA and marks it revoked in the store",
            ctx => RevokeHandlers.RevokeAsync(ctx, ctx.Get(address), ctx.Get(serial), ctx.Get(reason)),
            CliConfiguration.DefaultGatewayConfig,
            address,
            serial,
            reason);
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
