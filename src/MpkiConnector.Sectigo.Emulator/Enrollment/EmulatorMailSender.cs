using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>Sends the emulator's e-mails as <see cref="Configuration.EmulatorMailOptions"/> say: SMTP, or <c>.eml</c> files in a folder.</summary>
internal sealed class EmulatorMailSender(EmulatorRuntime runtime, TimeProvider time)
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        var options = runtime.Options.Mail;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = time.GetUtcNow();
        message.Body = new TextPart("plain") { Text = textBody };
        if (options.SmtpPort > 0)
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, SecureSocketOptions.None, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return;
        }

        var folder = MailFolder(runtime.Options);
        Directory.CreateDirectory(folder);
        var name = $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        await message.WriteToAsync(Path.Combine(folder, name), cancellationToken);
    }

    /// <summary>The folder <c>.eml</c> files go to.</summary>
    public static string MailFolder(ScmEmulatorOptions options) => options.Mail.Folder ?? Path.Combine(options.DataDirectory, "mail");
}
