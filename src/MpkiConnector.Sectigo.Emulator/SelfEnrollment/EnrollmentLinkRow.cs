namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>One one-time enrollment link, as stored (the token itself is not: only its SHA-256).</summary>
internal sealed class EnrollmentLinkRow
{
    public string TokenHash { get; set; } = string.Empty;

    public string CustomerUri { get; set; } = string.Empty;

    /// <summary><c>smime</c> (client certificate for <see cref="Email"/>) or <c>device</c> (for <see cref="DeviceName"/>).</summary>
    public string Kind { get; set; } = "smime";

    /// <summary>The person's e-mail address (both kinds: the person who asked).</summary>
    public string Email { get; set; } = string.Empty;

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? DeviceName { get; set; }

    public long OrgId { get; set; }

    public long ProfileId { get; set; }

    public long Term { get; set; }

    /// <summary><c>RSA-2048</c> or <c>EC-P256</c>.</summary>
    public string KeyType { get; set; } = "RSA-2048";

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    /// <summary>The correlation id of the submit that consumed the link; null while unused.</summary>
    public string? CorrelationId { get; set; }

    public long? OrderId { get; set; }

    public string Subject => Kind == "device" ? DeviceName ?? string.Empty : Email;
}
