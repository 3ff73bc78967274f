namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>
/// Where the emulator's e-mails (enrollment invitations) go: over SMTP when <see cref="SmtpPort"/> is set, else as
/// <c>.eml</c> files in <see cref="Folder"/> (default <c>{DataDirectory}/mail</c>).
/// </summary>
public sealed class EmulatorMailOptions
{
    /// <summary>The SMTP host; default 127.0.0.1.</summary>
    public string SmtpHost { get; set; } = "127.0.0.1";

    /// <summary>The SMTP port (plain SMTP, no authentication); 0 (default): write files to <see cref="Folder"/> instead.</summary>
    public int SmtpPort { get; set; }

    /// <summary>The folder for <c>.eml</c> files; default <c>{DataDirectory}/mail</c>.</summary>
    public string? Folder { get; set; }

    /// <summary>The sender address.</summary>
    public string From { get; set; } = "scm-emulator@localhost";
}
