namespace MpkiConnector.TestUtils;

/// <summary>One message a <see cref="CapturingSmtpServer"/> received.</summary>
/// <param name="Sender">MAIL FROM.</param>
/// <param name="Recipients">RCPT TO, in order.</param>
/// <param name="Data">The message as sent (after dot-unstuffing).</param>
public sealed record CapturedMessage(string Sender, IReadOnlyList<string> Recipients, byte[] Data)
{
    /// <summary>When the message was answered 250 (UTC).</summary>
    public DateTime ReceivedAt { get; init; } = DateTime.UtcNow;
}
