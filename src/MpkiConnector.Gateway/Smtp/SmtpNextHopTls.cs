namespace MpkiConnector.Gateway.Smtp;

/// <summary>STARTTLS towards the next hop.</summary>
public enum SmtpNextHopTls
{
    /// <summary>Plain SMTP (a next hop on loopback).</summary>
    None,

    /// <summary>STARTTLS when the next hop offers it; its certificate must be valid.</summary>
    WhenAvailable,

    /// <summary>STARTTLS always; a next hop without it is a failure.</summary>
    Required,
}
