using System.Globalization;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>Domain management through the account (both documents: <c>/api/domain/v1</c>), for <c>mpki domains add --at-ca</c>.</summary>
public sealed partial class SectigoMpkiProvider
{
    /// <summary>
    /// Makes the CA ready to issue S/MIME for <paramref name="domain"/> as far as the account may: creates the domain
    /// delegated to the account's organisation for S/MIME (or adds the delegation), approves a requested delegation.
    /// A step the CA refuses (no domain privilege, approval by someone else) and the domain control validation are
    /// reported in <see cref="SectigoDomainRegistration.Remaining"/>, not thrown; login and transport failures are thrown.
    /// </summary>
    public async Task<SectigoDomainRegistration> RegisterDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        domain = domain.Trim().TrimEnd('.').ToLowerInvariant();
        var snapshot = await _resolver.GetAsync(false, cancellationToken).ConfigureAwait(false);
        var orgId = _resolver.ResolveOrganization(snapshot, _client.Options.OrganizationId);
        var org = orgId.ToString(CultureInfo.InvariantCulture);
        var done = new List<string>();
        var remaining = new List<string>();
        var found = await FindDomainAsync(domain, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            var refused = await TryAsync(HttpMethod.Post, "api/domain/v1", new { name = domain, delegations = new[] { Delegation(orgId) } }, $"creating domain {domain}", cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                remaining.Add($"a CA administrator creates {domain} and delegates it to organisation {org} for S/MIME ({refused})");
                remaining.Add($"domain control validation (DCV) of {domain}");
                return new SectigoDomainRegistration(domain, done, remaining);
            }

            done.Add($"created {domain}, delegated to organisation {org} for S/MIME");
            found = await FindDomainAsync(domain, cancellationToken).ConfigureAwait(false)
                ?? throw new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Name}': domain {domain} was created but is not listed.");
        }

        var path = $"api/domain/v1/{Uri.EscapeDataString(found.Id!)}";
        var details = await _client.GetAsync<ScmDomain>(path, $"reading domain {domain}", cancellationToken).ConfigureAwait(false);
        var delegation = details.Delegations?.FirstOrDefault(d => d.OrgId == org && (d.CertTypes is null || d.CertTypes.Contains("SMIME", StringComparer.OrdinalIgnoreCase)));
        if (delegation is null)
        {
            var refused = await TryAsync(HttpMethod.Post, path + "/delegation", Delegation(orgId), $"delegating domain {domain}", cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                remaining.Add($"a CA administrator delegates {domain} to organisation {org} for S/MIME ({refused})");
            }
            else
            {
                done.Add($"delegated {domain} to organisation {org} for S/MIME");
                details = await _client.GetAsync<ScmDomain>(path, $"reading domain {domain}", cancellationToken).ConfigureAwait(false);
                delegation = details.Delegations?.FirstOrDefault(d => d.OrgId == org);
            }
        }

        if (delegation?.Status is { } status && status.Equals("REQUESTED", StringComparison.OrdinalIgnoreCase))
        {
            var refused = await TryAsync(HttpMethod.Post, path + "/delegation/approve", new { orgId }, $"approving the delegation of {domain}", cancellationToken).ConfigureAwait(false);
            if (refused is null)
            {
                done.Add($"approved the delegation of {domain} to organisation {org}");
            }
            else
            {
                remaining.Add($"a CA administrator approves the delegation of {domain} to organisation {org} ({refused})");
            }
        }

        var validation = details.ValidationStatus ?? details.DcvStatus;
        if (validation is not null && !validation.Equals("VALIDATED", StringComparison.OrdinalIgnoreCase) && !validation.Equals("VALID", StringComparison.OrdinalIgnoreCase))
        {
            remaining.Add($"domain control validation (DCV) of {domain} (status: {validation})");
        }

        return new SectigoDomainRegistration(domain, done, remaining);
    }

    private static object Delegation(int orgId) => new { orgId, certTypes = new[] { "SMIME" } };

    private async Task<ScmDomain?> FindDomainAsync(string domain, CancellationToken cancellationToken) =>
        (await _client.GetAsync<List<ScmDomain>>($"api/domain/v1?name={Uri.EscapeDataString(domain)}", "reading the domains", cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(d => string.Equals(d.Name?.TrimEnd('.'), domain, StringComparison.OrdinalIgnoreCase) && d.Id is not null);

    /// <summary>Sends a change; null when done, else the CA's reason for refusing it.</summary>
    private async Task<string?> TryAsync(HttpMethod method, string path, object body, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendCheckedAsync(method, path, body, operation, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (MpkiException ex) when (ex.Kind is MpkiErrorKind.Authorization or MpkiErrorKind.InvalidRequest or MpkiErrorKind.Rejected or MpkiErrorKind.NotFound)
        {
            return ex.Message;
        }
    }
}
