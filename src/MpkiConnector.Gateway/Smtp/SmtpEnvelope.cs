using System.Text;
using MimeKit;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// The SMTP envelope (MAIL FROM, RCPT TO) of a message taken in over SMTP. It travels through the folder pipeline as
/// header fields at the top of the message (the pipeline keeps the outer header when it signs or encrypts), and the
/// relay removes them before it sends: the next hop gets the original envelope, Bcc recipients included.
/// </summary>
internal sealed record SmtpEnvelope(string Sender, IReadOnlyList<string> Recipients)
{
    public const string SenderField = "X-Mpki-Envelope-From";
    public const string RecipientField = "X-Mpki-Envelope-To";

    /// <summary>The header lines to write before the message's own (US-ASCII or UTF-8 addresses, CRLF line ends).</summary>
    public byte[] ToHeaderBytes()
    {
        var text = new StringBuilder();
        text.Append(SenderField).Append(": <").Append(Sender).Append(">\r\n");
        foreach (var recipient in Recipients)
        {
            text.Append(RecipientField).Append(": <").Append(recipient).Append(">\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// Takes the envelope out of <paramref name="message"/> (the first sender field and the recipient fields up to the
    /// first non-envelope field are ours; a client's own copies are dropped too). Null when the message has none.
    /// </summary>
    public static SmtpEnvelope? Extract(MimeMessage message)
    {
        string? sender = null;
        var recipients = new List<string>();
        var ours = true;
        foreach (var header in message.Headers)
        {
            var isSender = header.Field.Equals(SenderField, StringComparison.OrdinalIgnoreCase);
            var isRecipient = header.Field.Equals(RecipientField, StringComparison.OrdinalIgnoreCase);
            if (!isSender && !isRecipient)
            {
                ours = false;
                continue;
            }

            if (!ours)
            {
                continue;
            }

            var value = header.Value.Trim().TrimStart('<').TrimEnd('>');
            if (isSender && sender is null)
            {
                sender = value;
            }
            else if (isRecipient && value.Length > 0)
            {
                recipients.Add(value);
            }
        }

        message.Headers.RemoveAll(SenderField);
        message.Headers.RemoveAll(RecipientField);
        return sender is null || recipients.Count == 0 ? null : new SmtpEnvelope(sender, recipients);
    }
}
