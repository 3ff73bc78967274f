namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>A custom field of <c>/api/smime/v1/customFields</c>; mandatory ones must be sent at enroll (-62).</summary>
public sealed class EmulatorCustomField
{
    /// <summary>The field id.</summary>
    public int Id { get; set; }

    /// <summary>The field name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Whether enroll must carry it.</summary>
    public bool Mandatory { get; set; }
}
