namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages;

/// <summary>What one browser did on one self-enrollment form so far (kept on the server; the browser holds only its id).</summary>
internal sealed class EnrollmentSession(string id, string antiForgeryToken, string uriExtension, DateTimeOffset expiresAt)
{
    public string Id { get; } = id;

    /// <summary>The per-session token every form carries (CSRF).</summary>
    public string AntiForgeryToken { get; } = antiForgeryToken;

    public string UriExtension { get; } = uriExtension;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>The confirmed e-mail address (from the invitation or confirmation link, or a Person Secret ID).</summary>
    public string? Email { get; set; }

    public int? AccountId { get; set; }

    /// <summary>The account's own check (access code) passed, or the account has none.</summary>
    public bool Authenticated { get; set; }

    public int? ProfileId { get; set; }

    public int? Term { get; set; }

    public string? KeyType { get; set; }

    public string? DeviceName { get; set; }
}
