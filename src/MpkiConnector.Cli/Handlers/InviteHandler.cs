using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Sectigo;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// <c>mpki tpm invite EMAIL --form NAME [--account NAME]</c>: the operator's side of self-enrollment. The CA e-mails the
/// person a link to its enrollment form; the person enrolls from the desktop (<c>mpki tpm enroll --link</c>) with no operator secret.
/// </summary>
internal static class InviteHandler
{
    public static async Task<int> InviteAsync(CommandContext ctx, string email, string form, string? account, string? providerName, bool json)
    {
        email = email.Trim();
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw CliException.Configuration($"tpm invite: '{email}' is not an e-mail address");
        }

        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.CaPassword);
        var provider = AtCaProvider.Get(gateway, providerName, "tpm invite");
        if (provider is not SectigoMpkiProvider sectigo)
        {
            throw CliException.Configuration($"tpm invite: the provider account '{provider.Name}' cannot send enrollment invitations (a Sectigo account can)");
        }

        SectigoInvitation invitation;
        try
        {
            invitation = await sectigo.InviteAsync(email, form.Trim(), account?.Trim(), null, ctx.CancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.Configuration && account is null)
        {
            throw CliException.Configuration($"tpm invite: {ex.Message} Choose one with --account NAME.", ex);
        }

        if (json)
        {
            JsonOutput.Write(ctx, new
            {
                invitation.Email,
                invitation.PersonId,
                Form = invitation.Form.Name,
                FormId = invitation.Form.Id,
                Account = invitation.Account.Name,
                AccountId = invitation.Account.Id,
                Provider = provider.Name,
            });
            return ExitCodes.Success;
        }

        ctx.WriteLine($"Invited {invitation.Email} to the enrollment form '{invitation.Form.Name}' (account '{invitation.Account.Name}') at '{provider.Name}'; the CA e-mails the link.");
        return ExitCodes.Success;
    }
}
