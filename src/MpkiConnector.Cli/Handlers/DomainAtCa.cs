using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Sectigo;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// <c>mpki domains add NAME --at-ca</c>: before the usual checks, creates the domain at the CA and delegates it to the
/// account's organisation for S/MIME (approving the delegation) where the account may; says in one line what remains.
/// </summary>
internal static class DomainAtCa
{
    public static async Task RegisterAsync(CommandContext ctx, MpkiGateway gateway, string domain, string providerName, bool json = false)
    {
        var provider = AtCaProvider.Get(gateway, providerName, "domains add --at-ca");
        if (provider is not SectigoMpkiProvider sectigo)
        {
            throw CliException.Configuration($"domains add --at-ca: the provider account '{provider.Name}' cannot manage domains at its CA (a Sectigo account can)");
        }

        var registration = await sectigo.RegisterDomainAsync(domain, ctx.CancellationToken).ConfigureAwait(false);
        foreach (var step in registration.Done)
        {
            ctx.Progress(json, $"  ✓ at the CA: {step}");
        }

        if (registration.Remaining.Count > 0)
        {
            ctx.Io.Error.WriteLine(ctx.Redactor.Redact($"mpki: remains at the CA for {registration.Domain}: {string.Join("; ", registration.Remaining)}"));
        }
    }
}
