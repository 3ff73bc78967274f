using System.Text.Json;
using MpkiConnector.Renewal;

namespace MpkiConnector.Gateway.Configuration;

/// <summary>A managed domain as the engine uses it: normalised, with its effective overlap.</summary>
/// <param name="Domain">The domain, lower-case ASCII.</param>
/// <param name="ProviderName">The provider account that issues for it.</param>
/// <param name="CertificateType">The certificate type, or <see langword="null"/> for the account's.</param>
/// <param name="TermDays">The term, or <see langword="null"/> for the account's.</param>
/// <param name="OrganizationId">The organisation override, or <see langword="null"/>.</param>
/// <param name="KeyAlgorithm">The algorithm of new keys.</param>
/// <param name="AutoIssue">Whether first-seen senders get a certificate automatically.</param>
/// <param name="Overlap">The renewal overlap: the domain's <c>OverlapDays</c>, else <see cref="RenewalOptions.Overlap"/>.</param>
/// <param name="FromStore">Whether it was added at run time (kept in the store) rather than configured.</param>
public sealed record ManagedDomain(
    string Domain,
    string ProviderName,
    string? CertificateType,
    int? TermDays,
    string? OrganizationId,
    MpkiKeyAlgorithm KeyAlgorithm,
    bool AutoIssue,
    TimeSpan Overlap,
    bool FromStore)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The configured options with the global overlap applied; <see langword="null"/> when the domain name is invalid.</summary>
    public static ManagedDomain? From(ManagedDomainOptions options, RenewalOptions renewal, bool fromStore)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(renewal);
        var domain = DomainName.TryNormalize(options.Domain);
        return domain is null || string.IsNullOrWhiteSpace(options.Provider)
            ? null
            : new ManagedDomain(domain, options.Provider, options.CertificateType, options.TermDays, options.OrganizationId, options.KeyAlgorithm, options.AutoIssue, options.OverlapDays is { } days ? TimeSpan.FromDays(days) : renewal.Overlap, fromStore);
    }

    /// <summary>The settings (all but domain and provider) as the JSON kept in the store.</summary>
    public static string ToSettingsJson(ManagedDomainOptions options) => JsonSerializer.Serialize(options, Json);

    /// <summary>Reads options kept in the store.</summary>
    public static ManagedDomainOptions FromSettingsJson(string domain, string provider, string? json)
    {
        var options = string.IsNullOrWhiteSpace(json) ? new ManagedDomainOptions() : JsonSerializer.Deserialize<ManagedDomainOptions>(json, Json) ?? new ManagedDomainOptions();
        options.Domain = domain;
        options.Provider = provider;
        return options;
    }
}
