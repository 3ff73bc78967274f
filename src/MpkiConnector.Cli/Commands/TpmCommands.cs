using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki tpm enroll|invite|list|verify|remove</c>.</summary>
internal static class TpmCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        return CliCommandFactory.Group("tpm", "Client and device certificates whose keys live in the TPM", Enroll(factory), Invite(factory), List(factory), Verify(factory), Remove(factory));
    }

    private static Command Enroll(CliCommandFactory factory)
    {
        var email = new Option<string?>("--email") { Description = "The e-mail address (client certificate)", HelpName = "E" };
        var device = new Option<string?>("--device") { Description = "The device name (device certificate; default: this host's name)", HelpName = "NAME" };
        var type = new Option<string>("--type") { Description = "client or device", DefaultValueFactory = _ => "client", HelpName = "client|device" };
        type.AcceptOnlyFromAmong("client", "device");
        var provider = new Option<string?>("--provider") { Description = "The provider account to enroll through (required unless --resume)", HelpName = "NAME" };
        var algorithm = new Option<MpkiKeyAlgorithm>("--algorithm")
        {
            Description = "RSA-2048 or EC-P256 (also written Rsa2048, EcdsaP256)",
            DefaultValueFactory = _ => MpkiKeyAlgorithm.EcdsaP256,
            HelpName = "ALG",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (KeyAlgorithmNames.Parse(text) is { } parsed)
                {
                    return parsed;
                }

                result.AddError($"--algorithm: '{text}' is not a key algorithm (use RSA-2048 or EC-P256)");
                return default;
            },
        };
        var wait = new Option<int?>("--wait") { Description = "Seconds to wait for the CA before leaving the order pending (default 120)", HelpName = "SECONDS" };
        var resume = new Option<bool>("--resume") { Description = "Finish every open TPM enrollment (pending at the CA, or interrupted) and install it" };
        var link = new Option<string?>("--link") { Description = "A one-time mpki-enroll: link from the self-enrollment page (no operator account needed; give the same link again to resume)", HelpName = "URL" };
        var trustRoot = new Option<bool>("--trust-root") { Description = "With --link: trust the CA's root (written to Tpm:TrustFolder); without it the root is only shown" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "enroll",
            "Generates a key in the TPM, enrolls a certificate for it (journaled: a pending or interrupted enrollment resumes) and installs it beside the key",
            ctx => TpmHandlers.EnrollAsync(ctx, new TpmEnrollOptions(ctx.Get(type)!, ctx.Get(email), ctx.Get(device), ctx.Get(provider), ctx.Get(algorithm), ctx.Get(resume), ctx.Get(wait))
            {
                Link = ctx.Get(link),
                TrustRoot = ctx.Get(trustRoot),
                Json = ctx.Get(json),
            }),
            CliConfiguration.DefaultGatewayConfig,
            email,
            device,
            type,
            provider,
            algorithm,
            resume,
            wait,
            link,
            trustRoot,
            json);
    }

    private static Command Invite(CliCommandFactory factory)
    {
        var email = new Argument<string>("EMAIL") { Description = "The person's e-mail address (a person record is created when missing)" };
        var form = new Option<string>("--form") { Description = "The CA's enrollment form (endpoint) name", Required = true, HelpName = "NAME" };
        var account = new Option<string?>("--account") { Description = "The form's account (default: its only one)", HelpName = "NAME" };
        var provider = new Option<string?>("--provider") { Description = "The provider account (default: the only one configured)", HelpName = "NAME" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "invite",
            "Asks the CA to e-mail a person the link to an enrollment form, to enroll a TPM key from their desktop without operator credentials",
            ctx => InviteHandler.InviteAsync(ctx, ctx.Get(email)!, ctx.Get(form)!, ctx.Get(account), ctx.Get(provider), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            email,
            form,
            account,
            provider,
            json);
    }

    private static Command List(CliCommandFactory factory)
    {
        var json = CommonOptions.Json();
        return factory.Leaf("list", "Lists TPM-backed certificates with their key handles", ctx => TpmHandlers.ListAsync(ctx, ctx.Get(json)), CliConfiguration.DefaultGatewayConfig, json);
    }

    private static Command Verify(CliCommandFactory factory)
    {
        var json = CommonOptions.Json();
        return factory.Leaf("verify", "For each TPM certificate: the key's provider, that it cannot be exported, and a sign/verify test", ctx => TpmHandlers.VerifyAsync(ctx, ctx.Get(json)), CliConfiguration.DefaultGatewayConfig, json);
    }

    private static Command Remove(CliCommandFactory factory)
    {
        var id = new Argument<string>("ID") { Description = "The certificate's address or device name, or its key id" };
        return factory.Leaf("remove", "Removes a TPM certificate and evicts its key from the TPM", ctx => TpmHandlers.RemoveAsync(ctx, ctx.Get(id)!), CliConfiguration.DefaultGatewayConfig, id);
    }
}
