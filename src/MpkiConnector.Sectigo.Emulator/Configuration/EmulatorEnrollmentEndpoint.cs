namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>A web-form enrollment endpoint created at start when no endpoint has its URI extension yet (a seed; the Admin routes manage it later).</summary>
public sealed class EmulatorEnrollmentEndpoint
{
    /// <summary>The endpoint (form) name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>SMIME_WEB_FORM</c> (default) or <c>DEVICE_WEB_FORM</c>.</summary>
    public string Type { get; set; } = "SMIME_WEB_FORM";

    /// <summary>The URI extension (unique across the emulator).</summary>
    public string UriExtension { get; set; } = string.Empty;

    /// <summary>Web-form authentication types: <c>EMAIL_CONFIRMATION</c>, <c>IDP</c>, <c>SECRET_ID</c>.</summary>
    public List<string> WebFormAuthTypes { get; set; } = ["EMAIL_CONFIRMATION"];

    /// <summary>Enrollment instructions shown on the form.</summary>
    public string? EnrollmentHelp { get; set; }

    /// <summary>Its web-form accounts.</summary>
    public List<EmulatorWebFormAccount> Accounts { get; set; } = [];
}
