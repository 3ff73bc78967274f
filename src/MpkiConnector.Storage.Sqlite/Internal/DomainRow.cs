namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>A row of <c>managed_domains</c>.</summary>
internal sealed class DomainRow
{
    public const string Columns = "domain AS Domain, provider_name AS ProviderName, settings_json AS SettingsJson";

    public string Domain { get; set; } = "";

    public string ProviderName { get; set; } = "";

    public string SettingsJson { get; set; } = "";

    public ManagedDomainRecord ToRecord() => new(Domain, ProviderName, SettingsJson);
}
