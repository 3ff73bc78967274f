namespace MpkiConnector.Gateway.Smtp;

/// <summary>The next hop the relay sends processed mail to (for Postfix in front: its reinjection port).</summary>
public sealed class SmtpNextHopOptions
{
    /// <summary>The host (default <c>127.0.0.1</c>).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port (default 10026, Postfix's usual reinjection port).</summary>
    public int Port { get; set; } = 10026;

    /// <summary>Whether to use STARTTLS towards the next hop (default <see cref="SmtpNextHopTls.WhenAvailable"/>).</summary>
    public SmtpNextHopTls StartTls { get; set; } = SmtpNextHopTls.WhenAvailable;

    /// <summary>The first wait after a failed attempt (default 5 seconds); it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between attempts (default 5 minutes).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
