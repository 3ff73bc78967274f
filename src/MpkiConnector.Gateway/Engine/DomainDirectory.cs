using System.Collections.Frozen;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Engine;

/// <summary>The managed domains: the configured ones, and those added at run time (kept in the store). Configured ones win.</summary>
internal sealed class DomainDirectory
{
    private readonly GatewayOptions _options;
    private readonly IGatewayStateStore _state;
    private FrozenDictionary<string, ManagedDomain> _domains;

    public DomainDirectory(GatewayOptions options, IGatewayStateStore state)
    {
        _options = options;
        _state = state;
        _domains = Build(options, []);
    }

    public IReadOnlyCollection<ManagedDomain> All => _domains.Values;

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _state.ListDomainsAsync(cancellationToken).ConfigureAwait(false);
        _domains = Build(_options, stored);
    }

    /// <summary>The managed domain of an address, or <see langword="null"/>.</summary>
    public ManagedDomain? FindByAddress(string? address)
    {
        return EmailAddress.TryParse(address, out var parsed, out _) && _domains.TryGetValue(parsed.Domain, out var found) ? found : null;
    }

    private static FrozenDictionary<string, ManagedDomain> Build(GatewayOptions options, IReadOnlyList<ManagedDomainRecord> stored)
    {
        var domains = new Dictionary<string, ManagedDomain>(StringComparer.Ordinal);
        foreach (var record in stored)
        {
            var parsed = ManagedDomain.From(ManagedDomain.FromSettingsJson(record.Domain, record.ProviderName, record.SettingsJson), options.Renewal, fromStore: true);
            if (parsed is not null)
            {
                domains[parsed.Domain] = parsed;
            }
        }

        foreach (var configured in options.Domains)
        {
            if (ManagedDomain.From(configured, options.Renewal, fromStore: false) is { } parsed)
            {
                domains[parsed.Domain] = parsed;
            }
        }

        return domains.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
