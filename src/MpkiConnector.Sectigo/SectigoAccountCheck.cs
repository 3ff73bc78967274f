using System.Globalization;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>
/// A read-only check of an SCM account, as a checklist an operator works through (<c>mpki provider check NAME</c>):
/// customer URI exists; the authentication mode in force works; can log in; organisation found and its id;
/// organisation validated; client-certificate REST enabled; each managed domain present, delegated for S/MIME and
/// validated. The privilege and the configured certificate types are checked by <see cref="SectigoTypeCheck"/>.
/// Every failed line names the one step that fixes it. Nothing is created or changed in SCM. Reached through
/// <see cref="SectigoMpkiProvider"/>'s <see cref="IMpkiAccountCheck"/>.
/// </summary>
internal sealed class SectigoAccountCheck
{
    internal const string NotChecked = "Fix the failed check above first.";
    private readonly SectigoMpkiProvider _provider;

    public SectigoAccountCheck(SectigoMpkiProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
    }

    private SectigoApiClient Client => _provider.Client;

    private SectigoOptions Options => Client.Options;

    /// <summary>Runs every check. <paramref name="domains"/> are checked besides <see cref="SectigoOptions.Domains"/> (for example the gateway's domains mapped to this account).</summary>
    public async Task<MpkiAccountCheckReport> RunAsync(IEnumerable<string>? domains = null, CancellationToken cancellationToken = default)
    {
        var items = new List<MpkiAccountCheckItem>();
        var allDomains = Options.Domains.Concat(domains ?? [])
            .Select(d => d.Trim().TrimEnd('.'))
            .Where(d => d.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        List<ScmOrganization> organizations;
        try
        {
            organizations = await Client.GetAsync<List<ScmOrganization>>("api/organization/v1", "reading the organisations", cancellationToken).ConfigureAwait(false);
            items.Add(new("Customer URI exists", true, $"'{Options.CustomerUri}' at {Options.BaseUrl.Host}"));
            items.Add(new($"Authentication mode {Options.EffectiveAuth}", true, DescribeAuth()));
            items.Add(new("Can log in", true, $"as '{Options.Login}'"));
        }
        catch (MpkiException ex) when (ex.Kind is MpkiErrorKind.Authentication or MpkiErrorKind.Authorization)
        {
            var customerUnknown = ex.VendorCode == "-410";
            items.Add(new("Customer URI exists", !customerUnknown, customerUnknown ? ex.Message : $"'{Options.CustomerUri}'") { Remediation = customerUnknown ? ex.Remediation : null });
            items.Add(new($"Authentication mode {Options.EffectiveAuth}", false, $"{DescribeAuth()}; refused: {ex.Message}") { Remediation = ex.Remediation });
            items.Add(new("Can log in", false, customerUnknown ? "not checked" : ex.Message) { Remediation = customerUnknown ? NotChecked : ex.Remediation });
            AddSkipped(items, allDomains);
            return new MpkiAccountCheckReport(_provider.Name, items);
        }

        var organization = CheckOrganization(items, organizations);
        await new SectigoTypeCheck(_provider).RunAsync(items, cancellationToken).ConfigureAwait(false);
        if (organization is not null)
        {
            await CheckOrganizationDetailsAsync(items, organizations, organization.Value, cancellationToken).ConfigureAwait(false);
            foreach (var domain in allDomains)
            {
                items.AddRange(await CheckDomainAsync(domain, organization.Value.Id, organizations, cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            foreach (var domain in allDomains)
            {
                items.Add(new($"Domain {domain} delegated for S/MIME", false, "not checked: no organisation") { Remediation = NotChecked });
            }
        }

        return new MpkiAccountCheckReport(_provider.Name, items);
    }

    /// <summary>Checks one mail domain against the account (present, delegated to the organisation for S/MIME, validated); for <c>mpki domains add</c>.</summary>
    public async Task<IReadOnlyList<MpkiAccountCheckItem>> CheckDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var snapshot = await _provider.Resolver.GetAsync(false, cancellationToken).ConfigureAwait(false);
        var organizationId = _provider.Resolver.ResolveOrganization(snapshot, Options.OrganizationId);
        return await CheckDomainAsync(domain.Trim().TrimEnd('.'), organizationId, snapshot.Organizations, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the mode in force sends (never a secret).</summary>
    private string DescribeAuth() => Options.EffectiveAuth switch
    {
        SectigoAuthMode.OAuth2 => $"bearer token for client id '{Options.ClientId}' from {Options.TokenUrl.Host}",
        SectigoAuthMode.ClientCertificate => $"TLS client certificate {Path.GetFileName(Options.ClientCertificatePath)}, login '{Options.Login}'",
        _ => $"login '{Options.Login}' and password in headers",
    };

    private static void AddSkipped(List<MpkiAccountCheckItem> items, List<string> domains)
    {
        foreach (var name in new[] { "Organisation found", "Client certificate privilege", "Certificate type available" })
        {
            items.Add(new(name, false, "not checked: cannot log in") { Remediation = NotChecked });
        }

        foreach (var domain in domains)
        {
            items.Add(new($"Domain {domain} delegated for S/MIME", false, "not checked: cannot log in") { Remediation = NotChecked });
        }
    }

    private (int Id, string Name)? CheckOrganization(List<MpkiAccountCheckItem> items, List<ScmOrganization> organizations)
    {
        var snapshot = new SectigoAccountSnapshot(organizations, [], [], [], default);
        try
        {
            var id = _provider.Resolver.ResolveOrganization(snapshot, Options.OrganizationId);
            var text = id.ToString(CultureInfo.InvariantCulture);
            var name = organizations.FirstOrDefault(o => o.Id == text)?.Name
                ?? organizations.SelectMany(o => o.Departments ?? []).FirstOrDefault(d => d.Id == text)?.Name
                ?? text;
            items.Add(new("Organisation found", true, $"{name} (id {id})"));
            return (id, name);
        }
        catch (MpkiException ex)
        {
            items.Add(new("Organisation found", false, ex.Message) { Remediation = ex.Remediation });
            return null;
        }
    }

    private async Task CheckOrganizationDetailsAsync(List<MpkiAccountCheckItem> items, List<ScmOrganization> organizations, (int Id, string Name) organization, CancellationToken cancellationToken)
    {
        // A department's settings are those of its organisation.
        var text = organization.Id.ToString(CultureInfo.InvariantCulture);
        var parentId = organizations.FirstOrDefault(o => o.Id == text || (o.Departments ?? []).Any(d => d.Id == text))?.Id ?? text;
        ScmOrganization details;
        try
        {
            details = await Client.GetAsync<ScmOrganization>($"api/organization/v1/{Uri.EscapeDataString(parentId)}", $"reading organisation {parentId}", cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            items.Add(new("Organisation validated", false, ex.Message) { Remediation = ex.Remediation ?? "Check the organisation in SCM (Organizations)." });
            items.Add(new("Client certificate REST API enabled", false, "not checked") { Remediation = NotChecked });
            return;
        }

        var status = details.ValidationStatus;
        var validated = status is null || string.Equals(status, "VALIDATED", StringComparison.OrdinalIgnoreCase);
        items.Add(new("Organisation validated", validated, status is null ? "SCM does not report a validation status" : status)
        {
            Remediation = validated ? null : SectigoSetupErrors.OrganizationNotValidated,
        });

        var enabled = details.ClientCertsApiEnabled;
        items.Add(new("Client certificate REST API enabled", enabled != false, enabled is null ? "SCM does not report clientCertsApiEnabled" : $"clientCertsApiEnabled = {enabled.Value.ToString().ToLowerInvariant()}")
        {
            Remediation = enabled == false ? SectigoSetupErrors.RestNotEnabled : null,
        });
    }

    private async Task<List<MpkiAccountCheckItem>> CheckDomainAsync(string domain, int organizationId, IReadOnlyList<ScmOrganization> organizations, CancellationToken cancellationToken)
    {
        var items = new List<MpkiAccountCheckItem>();
        List<ScmDomain> all;
        try
        {
            all = await Client.GetAsync<List<ScmDomain>>("api/domain/v1", "reading the domains", cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            items.Add(new($"Domain {domain} present", false, ex.Message)
            {
                Remediation = ex.Remediation ?? $"Give the admin '{Options.Login}' the right to read domains in SCM, or check the domain there by hand.",
            });
            return items;
        }

        var found = all.FirstOrDefault(d => string.Equals(d.Name?.TrimEnd('.'), domain, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(d => d.Name is { } n && n.StartsWith("*.", StringComparison.Ordinal) && domain.EndsWith(n[1..], StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(d => d.Name is { } n && domain.EndsWith("." + n.TrimStart('*', '.'), StringComparison.OrdinalIgnoreCase));
        if (found?.Id is null)
        {
            items.Add(new($"Domain {domain} present", false, $"SCM has no domain {domain}") { Remediation = SectigoSetupErrors.DomainUnknown });
            return items;
        }

        items.Add(new($"Domain {domain} present", true, $"{found.Name} (id {found.Id})"));
        ScmDomain details;
        try
        {
            details = await Client.GetAsync<ScmDomain>($"api/domain/v1/{Uri.EscapeDataString(found.Id)}", $"reading domain {found.Name}", cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            items.Add(new($"Domain {domain} delegated for S/MIME", false, ex.Message) { Remediation = ex.Remediation ?? SectigoSetupErrors.DomainNotDelegated });
            return items;
        }

        var ids = OrganizationAndParent(organizationId, organizations);
        var delegations = details.Delegations ?? [];
        var delegated = delegations.Any(d =>
            d.OrgId is { } org && ids.Contains(org)
            && (d.CertTypes is null || d.CertTypes.Any(IsSmime))
            && (d.Status is null || d.Status.Equals("ACTIVE", StringComparison.OrdinalIgnoreCase) || d.Status.Equals("APPROVED", StringComparison.OrdinalIgnoreCase)));
        var seen = delegations.Count == 0
            ? "no delegations"
            : string.Join("; ", delegations.Select(d => $"org {d.OrgId}: {string.Join("/", d.CertTypes ?? [])} {d.Status}".Trim()));
        items.Add(new($"Domain {domain} delegated for S/MIME", delegated, $"to organisation {organizationId}? {(delegated ? "yes" : "no")} ({seen})")
        {
            Remediation = delegated ? null : SectigoSetupErrors.DomainNotDelegated,
        });

        var status = details.ValidationStatus ?? details.DcvStatus;
        var validated = status is null || status.Equals("VALIDATED", StringComparison.OrdinalIgnoreCase) || status.Equals("VALID", StringComparison.OrdinalIgnoreCase);
        items.Add(new($"Domain {domain} validated", validated, status ?? "SCM does not report a validation status")
        {
            Remediation = validated ? null : SectigoSetupErrors.DomainNotValidated,
        });
        return items;
    }

    private static HashSet<string> OrganizationAndParent(int organizationId, IReadOnlyList<ScmOrganization> organizations)
    {
        var id = organizationId.ToString(CultureInfo.InvariantCulture);
        var result = new HashSet<string>(StringComparer.Ordinal) { id };
        var parent = organizations.FirstOrDefault(o => (o.Departments ?? []).Any(d => d.Id == id));
        if (parent?.Id is not null)
        {
            result.Add(parent.Id);
        }

        return result;
    }

    private static bool IsSmime(string certType) =>
        certType.Replace("/", string.Empty, StringComparison.Ordinal).Equals("SMIME", StringComparison.OrdinalIgnoreCase)
        || certType.Equals("CLIENT", StringComparison.OrdinalIgnoreCase)
        || certType.Equals("CLIENT_CERT", StringComparison.OrdinalIgnoreCase);
}
