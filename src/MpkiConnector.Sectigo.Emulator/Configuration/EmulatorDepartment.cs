namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>A department of an organisation (an enrollment <c>orgId</c> may name it).</summary>
public sealed class EmulatorDepartment
{
    /// <summary>The department id.</summary>
    public int Id { get; set; }

    /// <summary>The department name.</summary>
    public string Name { get; set; } = string.Empty;
}
