namespace MpkiConnector.Gateway.Smtp;

/// <summary>The one account a client authenticates with (AUTH PLAIN or LOGIN, offered only over TLS).</summary>
public sealed class SmtpAuthOptions
{
    /// <summary>The user name.</summary>
    public string? User { get; set; }

    /// <summary>The password; set it through the environment (<c>MPKI__Smtp__Auth__Password</c>), never in the file.</summary>
    public string? Password { get; set; }
}
