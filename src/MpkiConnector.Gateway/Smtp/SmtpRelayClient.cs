using MailKit.Net.Smtp;
using MimeKit;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// MailKit's <see cref="SmtpClient"/> that goes on when the next hop refuses some recipients (MailKit gives up the whole
/// message by default): the message goes to the others, and <see cref="Refused"/> says who was refused and why. When
/// every recipient is refused, sending fails as before.
/// </summary>
internal sealed class SmtpRelayClient : SmtpClient
{
    private readonly List<(string Address, string Reply)> _refused = [];

    /// <summary>The recipients the next hop refused with a permanent answer during the last send, with its reply.</summary>
    public IReadOnlyList<(string Address, string Reply)> Refused => _refused;

    /// <summary>Forgets the previous message's refusals.</summary>
    public void BeginMessage() => _refused.Clear();

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(response);
        if ((int)response.StatusCode < 500)
        {
            base.OnRecipientNotAccepted(message, mailbox, response); // temporary: the whole message is tried again later
        }

        _refused.Add((mailbox.Address, $"{(int)response.StatusCode} {SmtpMessageStore.OneLine(response.Response)}"));
    }
}
