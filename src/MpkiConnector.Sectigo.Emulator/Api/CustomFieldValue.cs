namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>A custom field sent at enroll.</summary>
internal sealed class CustomFieldValue
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
