namespace MpkiConnector.Cli.Handlers;

/// <summary>What <c>mpki init</c> was told (flags; nothing is asked).</summary>
internal sealed record InitSettings(
    string ProviderType,
    string? Account,
    string? BaseUrl,
    string? CustomerUri,
    string? Login,
    string? OrganizationId,
    IReadOnlyList<string> Domains,
    string DataFolder)
{
    public bool IsEmulator => string.Equals(ProviderType, "emulator", StringComparison.OrdinalIgnoreCase);

    public string AccountName => string.IsNullOrWhiteSpace(Account) ? ProviderType.ToLowerInvariant() : Account.Trim();
}
