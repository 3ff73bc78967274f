using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Engine;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>The managed domains (<c>mpki domains list|add|remove</c>): those of the configuration file and those added at run time (kept in the store).</summary>
public sealed class GatewayDomains
{
    private readonly GatewayOptions _options;
    private readonly IGatewayStateStore _state;
    private readonly DomainDirectory _directory;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    internal GatewayDomains(GatewayOptions options, IGatewayStateStore state, DomainDirectory directory, IAuditLog audit, TimeProvider time)
    {
        _options = options;
        _state = state;
        _directory = directory;
        _audit = audit;
        _time = time;
    }

    /// <summary>Every managed domain, by name (<see cref="ManagedDomain.FromStore"/> tells where it comes from).</summary>
    public async Task<IReadOnlyList<ManagedDomain>> ListAsync(CancellationToken cancellationToken = default)
    {
        await _directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return _directory.All.OrderBy(d => d.Domain, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Adds (or replaces) a domain in the store. It is checked like the configuration (known provider account, overlap
    /// shorter than the term); a domain of the configuration file cannot be replaced here. Mistakes are a
    /// <see cref="GatewayConfigurationException"/>.
    /// </summary>
    public async Task<ManagedDomain> AddAsync(ManagedDomainOptions domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var errors = new List<string>();
        var probe = new GatewayOptions { Providers = _options.Providers, Renewal = _options.Renewal, Domains = [domain] };
        foreach (var error in GatewayOptionsValidator.Validate(probe, null, _ => null, Path.GetTempPath()))
        {
            if (error.StartsWith("Domains[0]", StringComparison.Ordinal))
            {
                errors.Add(string.Concat("domain", error.AsSpan("Domains[0]".Length)));
            }
        }

        var normalized = DomainName.TryNormalize(domain.Domain);
        if (normalized is not null && _options.Domains.Any(d => DomainName.TryNormalize(d.Domain) == normalized))
        {
            errors.Add($"domain: {normalized} is configured in the configuration file; change it there.");
        }

        if (errors.Count > 0)
        {
            throw new GatewayConfigurationException(errors);
        }

        var stored = new ManagedDomainOptions
        {
            Domain = normalized,
            Provider = domain.Provider,
            CertificateType = domain.CertificateType,
            TermDays = domain.TermDays,
            OrganizationId = domain.OrganizationId,
            KeyAlgorithm = domain.KeyAlgorithm,
            AutoIssue = domain.AutoIssue,
            OverlapDays = domain.OverlapDays,
        };
        await _state.UpsertDomainAsync(new ManagedDomainRecord(normalized!, domain.Provider!, ManagedDomain.ToSettingsJson(stored)), cancellationToken).ConfigureAwait(false);
        await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "domain.added", null, $"{normalized} -> {domain.Provider}"), cancellationToken).ConfigureAwait(false);
        await _directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return ManagedDomain.From(stored, _options.Renewal, fromStore: true)!;
    }

    /// <summary>Removes a domain added at run time; returns whether it existed. A domain of the configuration file cannot be removed here.</summary>
    public async Task<bool> RemoveAsync(string domain, CancellationToken cancellationToken = default)
    {
        var normalized = DomainName.TryNormalize(domain) ?? throw new GatewayConfigurationException($"domain: '{domain}' is not a valid mail domain.");
        if (_options.Domains.Any(d => DomainName.TryNormalize(d.Domain) == normalized))
        {
            throw new GatewayConfigurationException($"domain: {normalized} is configured in the configuration file; remove it there.");
        }

        var removed = await _state.RemoveDomainAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (removed)
        {
            await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "domain.removed", null, normalized), cancellationToken).ConfigureAwait(false);
            await _directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }
}
