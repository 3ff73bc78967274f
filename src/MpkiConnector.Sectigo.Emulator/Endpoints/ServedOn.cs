namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>The surfaces whose document has a route: the classic reference 25.5, the Admin Operations OpenAPI 25.9.2, or both.</summary>
[Flags]
internal enum ServedOn
{
    /// <summary>Only in the classic reference 25.5.</summary>
    Classic = 1,

    /// <summary>Only in the Admin Operations document.</summary>
    Admin = 2,

    /// <summary>In both documents.</summary>
    Both = Classic | Admin,
}
