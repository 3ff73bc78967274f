namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>
/// How the emulator answers one failure: the HTTP status and SCM's <c>{code, description}</c> body.
/// <c>{0}</c> in the description is replaced by the subject of the error (an organisation, a domain, a login).
/// </summary>
public sealed class EmulatorErrorAnswer
{
    /// <summary>Creates an empty answer (for configuration binding).</summary>
    public EmulatorErrorAnswer()
    {
    }

    /// <summary>Creates an answer.</summary>
    public EmulatorErrorAnswer(int status, int code, string description, bool assumption = false)
    {
        Status = status;
        Code = code;
        Description = description;
        Assumption = assumption;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; set; } = 400;

    /// <summary>SCM's error code (negative).</summary>
    public int Code { get; set; } = -1;

    /// <summary>SCM's description; <c>{0}</c> is replaced by the subject.</summary>
    public string Description { get; set; } = "Unknown error.";

    /// <summary>
    /// True when the real SCM code or status is not documented in the reference and this answer is a choice
    /// of the emulator (the client must then recognise the case by code and description).
    /// </summary>
    public bool Assumption { get; set; }

    /// <summary>The description with its subject filled in.</summary>
    public string Format(string? subject) =>
        Description.Replace("{0}", subject ?? string.Empty, StringComparison.Ordinal);
}
