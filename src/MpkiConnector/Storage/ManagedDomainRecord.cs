namespace MpkiConnector.Storage;

/// <summary>A managed mail domain mapped to a provider account.</summary>
/// <param name="Domain">The domain, lower case, ASCII (IDN converted).</param>
/// <param name="ProviderName">The provider account that issues for it.</param>
/// <param name="SettingsJson">The remaining settings (type, term, key algorithm...), as the gateway's JSON.</param>
public sealed record ManagedDomainRecord(string Domain, string ProviderName, string SettingsJson);
