namespace MpkiConnector.Sectigo.Api;

/// <summary>A custom field value sent at enrollment.</summary>
internal sealed record ScmCustomFieldValue(string Name, string Value);
