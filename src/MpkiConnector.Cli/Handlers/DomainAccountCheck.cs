using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Hosting;

namespace MpkiConnector.Cli.Handlers;

/// <summary>After <c>domains add</c>: asks the account whether it can issue for the domain; warns, never refuses.</summary>
internal static class DomainAccountCheck
{
    public static async Task WarnAsync(CommandContext ctx, MpkiGateway gateway, string domain, string providerName)
    {
        var provider = gateway.Services.GetRequiredService<IMpkiProviderCatalog>().Get(providerName);
        if (provider is not IMpkiAccountCheck check)
        {
            Warn(ctx, $"the provider account '{providerName}' cannot tell whether it may issue for {domain}; check it in the CA's portal");
            return;
        }

        IReadOnlyList<MpkiAccountCheckItem> items;
        try
        {
            items = await check.CheckDomainAsync(domain, ctx.CancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            Warn(ctx, $"could not check {domain} at '{providerName}': {ex.Message}");
            return;
        }

        foreach (var item in items)
        {
            if (item.Passed)
            {
                ctx.WriteLine($"  ✓ {item.Name}{(string.IsNullOrWhiteSpace(item.Detail) ? string.Empty : ": " + item.Detail)}");
            }
            else
            {
                Warn(ctx, $"{item.Name}: {item.Detail}{(item.Remediation is null ? string.Empty : " Fix: " + item.Remediation)}");
            }
        }
    }

    private static void Warn(CommandContext ctx, string text) => ctx.Io.Error.WriteLine(ctx.Redactor.Redact("mpki: warning: " + text));
}
