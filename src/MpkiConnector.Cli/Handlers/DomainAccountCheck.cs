using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Hosting;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// Before <c>domains add</c> stores a domain: asks the account what it can tell (certificate type exists, term offered,
/// key type allowed; where the provider can tell, also domain known and delegated for S/MIME). A failed check refuses the domain
/// (exit 2, naming the check); a domain whose validation (DCV) is not done yet is added with a warning.
/// </summary>
internal static class DomainAccountCheck
{
    public static async Task CheckAsync(CommandContext ctx, MpkiGateway gateway, string domain, string providerName, string? type, int? term, MpkiKeyAlgorithm? key, bool json = false)
    {
        var provider = gateway.Services.GetRequiredService<IMpkiProviderCatalog>().Get(providerName);
        var account = await provider.DiscoverAsync(ctx.CancellationToken).ConfigureAwait(false);
        var section = ctx.Configuration.GetSection("Providers").GetSection(providerName);
        var wantedType = type ?? section["CertificateType"];
        if (!string.IsNullOrWhiteSpace(wantedType))
        {
            var found = account.CertificateTypes.FirstOrDefault(t => string.Equals(t.Id, wantedType, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Name, wantedType, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                Refuse($"check 'certificate type exists' failed: '{providerName}' offers no type '{wantedType}' (offered: {string.Join(", ", account.CertificateTypes.Select(t => $"{t.Name} (id {t.Id})"))})");
            }

            if (term is { } days && found!.TermsDays.Count > 0 && !found.TermsDays.Contains(days))
            {
                Refuse($"check 'term offered' failed: {found.Name} offers {string.Join(", ", found.TermsDays)} days, not {days}");
            }

            if (key is { } algorithm && !KeyAlgorithmNames.Allows(found!.KeyTypes, algorithm))
            {
                Refuse($"check 'key type allowed' failed: {found.Name} accepts {string.Join("; ", found.KeyTypes.Select(k => $"{k.Key}: {string.Join(", ", k.Value)}"))}, not {algorithm}");
            }

            ctx.Progress(json, $"  ✓ certificate type {found!.Name}{(term is null ? string.Empty : $", term {term} days")}{(key is null ? string.Empty : $", key {key}")} offered by '{providerName}'");
        }

        if (provider is not IMpkiAccountCheck check)
        {
            Warn(ctx, $"the provider account '{providerName}' cannot tell whether it may issue for {domain}; check it in the CA's portal");
            return;
        }

        foreach (var item in await check.CheckDomainAsync(domain, ctx.CancellationToken).ConfigureAwait(false))
        {
            var fix = item.Remediation is null ? string.Empty : " Fix: " + item.Remediation;
            if (item.Passed)
            {
                ctx.Progress(json, $"  ✓ {item.Name}{(string.IsNullOrWhiteSpace(item.Detail) ? string.Empty : ": " + item.Detail)}");
            }
            else if (item.Name.EndsWith("validated", StringComparison.Ordinal))
            {
                Warn(ctx, $"{item.Name}: {item.Detail}{fix}");
            }
            else
            {
                Refuse($"check '{item.Name}' failed: {item.Detail}{fix}");
            }
        }
    }

    private static void Refuse(string message) => throw CliException.Configuration("domains add: " + message + "; nothing was added");

    private static void Warn(CommandContext ctx, string text) => ctx.Io.Error.WriteLine(ctx.Redactor.Redact("mpki: warning: " + text));
}
