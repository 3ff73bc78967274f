using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.DependencyInjection;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki provider discover|check NAME</c>.</summary>
internal static class ProviderHandlers
{
    public static async Task<int> DiscoverAsync(CommandContext ctx, string name, bool json)
    {
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.CaPassword);
        var account = await gateway.DiscoverAsync(name, ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, account);
            return ExitCodes.Success;
        }

        var organizations = new Table().Border(TableBorder.Rounded).Title($"Organisations of '{Markup.Escape(name)}'").AddColumns("ID", "Name", "Departments (ID: name)");
        foreach (var organization in account.Organizations)
        {
            organizations.AddRow(
                Markup.Escape(organization.Id),
                Markup.Escape(organization.Name),
                Markup.Escape(organization.Departments.Count == 0 ? "-" : string.Join(", ", organization.Departments.Select(d => $"{d.Id}: {d.Name}"))));
        }

        var types = new Table().Border(TableBorder.Rounded).Title("Certificate types").AddColumns("ID", "Name", "Terms (days)", "Key types");
        foreach (var type in account.CertificateTypes)
        {
            types.AddRow(
                Markup.Escape(type.Id),
                Markup.Escape(type.Name),
                string.Join(", ", type.TermsDays),
                Markup.Escape(string.Join("; ", type.KeyTypes.Select(k => $"{k.Key}: {string.Join(", ", k.Value)}"))));
        }

        ctx.Io.Console.Write(organizations);
        ctx.Io.Console.Write(types);
        if (account.CustomFields.Count > 0)
        {
            ctx.WriteLine("Custom fields: " + string.Join(", ", account.CustomFields.Select(f => f.Mandatory ? f.Name + " (mandatory)" : f.Name)));
        }

        ctx.WriteLine($"Use an organisation ID as Providers:{name}:OrganizationId and a type's name or ID as CertificateType, with one of its terms as TermDays.");
        return ExitCodes.Success;
    }

    public static async Task<int> CheckAsync(CommandContext ctx, string name, bool json)
    {
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.CaPassword);
        var provider = gateway.Services.GetRequiredService<IMpkiProviderCatalog>().Get(name);
        var domains = (await gateway.Domains.ListAsync(ctx.CancellationToken).ConfigureAwait(false))
            .Where(d => string.Equals(d.ProviderName, name, StringComparison.OrdinalIgnoreCase))
            .Select(d => d.Domain)
            .ToArray();
        var report = provider is IMpkiAccountCheck check
            ? await check.CheckAccountAsync(domains, ctx.CancellationToken).ConfigureAwait(false)
            : await DiscoveryOnlyCheckAsync(provider, ctx.CancellationToken).ConfigureAwait(false);
        report = new MpkiAccountCheckReport(report.AccountName, [.. report.Items, await ProviderTrustCheck.CheckAsync(gateway.Services, name, ctx.CancellationToken).ConfigureAwait(false)]);
        if (json)
        {
            JsonOutput.Write(ctx, new { Account = report.AccountName, report.AllPassed, report.Items });
        }
        else
        {
            ctx.WriteLine($"Provider account '{name}':");
            foreach (var item in report.Items)
            {
                ctx.WriteLine($"  {(item.Passed ? "✓" : "✗")} {item.Name}{(string.IsNullOrWhiteSpace(item.Detail) ? string.Empty : ": " + item.Detail)}");
                if (!item.Passed && !string.IsNullOrWhiteSpace(item.Remediation))
                {
                    ctx.WriteLine($"      fix: {item.Remediation}");
                }
            }

            ctx.WriteLine(report.AllPassed ? "All checks passed." : $"{report.Items.Count(i => !i.Passed)} check(s) failed.");
        }

        return report.AllPassed ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>For providers without <see cref="IMpkiAccountCheck"/>: can we log in and read what the account offers.</summary>
    private static async Task<MpkiAccountCheckReport> DiscoveryOnlyCheckAsync(IMpkiProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            var account = await provider.DiscoverAsync(cancellationToken).ConfigureAwait(false);
            return new MpkiAccountCheckReport(provider.Name,
            [
                new MpkiAccountCheckItem("Can log in and read the account", true, $"{account.Organizations.Count} organisation(s), {account.CertificateTypes.Count} certificate type(s)"),
            ]);
        }
        catch (MpkiException ex) when (ex.Kind is not MpkiErrorKind.Configuration)
        {
            return new MpkiAccountCheckReport(provider.Name,
            [
                new MpkiAccountCheckItem("Can log in and read the account", false, ex.Message) { Remediation = ex.Remediation },
            ]);
        }
    }
}
