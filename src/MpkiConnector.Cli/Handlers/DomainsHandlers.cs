using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Configuration;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki domains list|add|remove</c>.</summary>
internal static class DomainsHandlers
{
    public static async Task<int> ListAsync(CommandContext ctx, bool json)
    {
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.None);
        var domains = await gateway.Domains.ListAsync(ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, domains);
            return ExitCodes.Success;
        }

        if (domains.Count == 0)
        {
            ctx.WriteLine("No managed domains.");
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Domain", "Provider", "Certificate type", "Term", "Key", "Overlap", "Auto-issue", "Source");
        foreach (var d in domains)
        {
            table.AddRow(
                Markup.Escape(d.Domain),
                Markup.Escape(d.ProviderName),
                Markup.Escape(d.CertificateType ?? "(account's)"),
                d.TermDays is { } term ? $"{term} d" : "(account's)",
                d.KeyAlgorithm.ToString(),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{d.Overlap.TotalDays:0.##} d"),
                d.AutoIssue ? "yes" : "no",
                d.FromStore ? "added" : "config");
        }

        ctx.Io.Console.Write(table);
        return ExitCodes.Success;
    }

    public static async Task<int> AddAsync(CommandContext ctx, string domain, string provider, string? type, int? term, string? key, bool atCa, bool json)
    {
        var options = new ManagedDomainOptions { Domain = domain.Trim().ToLowerInvariant(), Provider = provider, CertificateType = type, TermDays = term };
        MpkiKeyAlgorithm? algorithm = null;
        if (!string.IsNullOrWhiteSpace(key))
        {
            algorithm = KeyAlgorithmNames.Parse(key) ?? throw CliException.Configuration($"--key: '{key}' is not a key algorithm (use one of: {KeyAlgorithmNames.Accepted})");
            options.KeyAlgorithm = algorithm.Value;
        }

        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.CaPassword);
        if (atCa)
        {
            await DomainAtCa.RegisterAsync(ctx, gateway, options.Domain, provider, json).ConfigureAwait(false);
        }

        await DomainAccountCheck.CheckAsync(ctx, gateway, options.Domain, provider, type, term, algorithm, json).ConfigureAwait(false);
        ManagedDomain added;
        try
        {
            added = await gateway.Domains.AddAsync(options, ctx.CancellationToken).ConfigureAwait(false);
        }
        catch (GatewayConfigurationException ex)
        {
            throw CliException.Configuration(string.Join("; ", ex.Errors), ex);
        }

        if (json)
        {
            JsonOutput.Write(ctx, added);
            return ExitCodes.Success;
        }

        ctx.WriteLine($"Added {added.Domain} -> {added.ProviderName} ({added.CertificateType ?? "the account's certificate type"}, key {added.KeyAlgorithm}, overlap {added.Overlap.TotalDays:0.##} days).");
        return ExitCodes.Success;
    }

    public static async Task<int> RemoveAsync(CommandContext ctx, string domain, bool json)
    {
        domain = domain.Trim().ToLowerInvariant();
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.None);
        bool removed;
        try
        {
            removed = await gateway.Domains.RemoveAsync(domain, ctx.CancellationToken).ConfigureAwait(false);
        }
        catch (GatewayConfigurationException ex)
        {
            throw CliException.Configuration(string.Join("; ", ex.Errors), ex);
        }

        if (!removed)
        {
            throw CliException.NotFound($"'{domain}' is not a managed domain added at run time (see 'mpki domains list')");
        }

        if (json)
        {
            JsonOutput.Write(ctx, new { Removed = domain });
            return ExitCodes.Success;
        }

        ctx.WriteLine($"Removed {domain}. Its certificates stay in the store; no new ones are issued for it.");
        return ExitCodes.Success;
    }
}
