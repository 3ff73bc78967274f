namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// <c>mpki gateway serve</c>: the SMTP listener that takes mail into the pipeline and the relay that hands the result to
/// the next hop (section <c>Smtp</c> of the gateway configuration). Safe by default: it listens on 127.0.0.1 only and
/// accepts only clients from loopback.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The address and port to listen on (default <c>127.0.0.1:2525</c>).</summary>
    public string Listen { get; set; } = "127.0.0.1:2525";

    /// <summary>The host name the server greets with (default <c>mpki-gateway</c>).</summary>
    public string ServerName { get; set; } = "mpki-gateway";

    /// <summary>The networks loopback clients come from: the default of <see cref="AllowedNetworks"/>.</summary>
    public static IReadOnlyList<string> LoopbackNetworks { get; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>
    /// The client networks allowed to hand mail in, in CIDR form; unset means loopback only (<see cref="LoopbackNetworks"/>).
    /// A list replaces the default (it is not added to it).
    /// </summary>
    public List<string>? AllowedNetworks { get; set; }

    /// <summary>The largest message accepted, in bytes (default 25 MiB).</summary>
    public int MaxMessageSize { get; set; } = 25 * 1024 * 1024;

    /// <summary>The most recipients of one message (default 100); more are answered <c>452</c> so the client sends them again later.</summary>
    public int MaxRecipients { get; set; } = 100;

    /// <summary>The PEM certificate (chain) for STARTTLS; STARTTLS is offered only when it is set.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/> (default: the key is in the certificate file).</summary>
    public string? CertificateKeyFile { get; set; }

    /// <summary>Optional AUTH: when set, every client must authenticate (after STARTTLS) before it sends mail.</summary>
    public SmtpAuthOptions? Auth { get; set; }

    /// <summary>Where processed mail goes.</summary>
    public SmtpNextHopOptions NextHop { get; set; } = new();

    /// <summary>
    /// How many connections the relay opens to the next hop at most, each sending one message after the other (default 4;
    /// see the SMTP row of tests/MpkiConnector.Benchmarks/RESULTS.md).
    /// </summary>
    public int RelayConcurrency { get; set; } = 4;

    /// <summary>How long stopping waits for sessions in progress before it cuts them off (default 30 seconds).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
