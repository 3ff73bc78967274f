using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// A sending MTA in miniature: hands each message to 127.0.0.1:<c>port</c> over SMTP until it is answered <c>250</c>,
/// retrying after a refused connection, a <c>4xx</c> or a broken session. It records which messages were accepted and
/// which had a session broken after it was connected (the only ones whose 250 a kill may have swallowed).
/// </summary>
internal sealed class SmtpSubmitter(int port, IReadOnlyList<MimeMessage> messages)
{
    private readonly ConcurrentDictionary<string, bool> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _interrupted = new(StringComparer.Ordinal);
    private int _next = -1;

    /// <summary>Message-IDs answered 250.</summary>
    public IReadOnlyCollection<string> Accepted => _accepted.Keys.ToArray();

    /// <summary>Message-IDs with at least one session broken after it was connected (by Message-ID: how many).</summary>
    public IReadOnlyDictionary<string, int> Interrupted => _interrupted;

    /// <summary>Sends every message with <paramref name="clients"/> sessions at a time; fails on a 5xx.</summary>
    public async Task RunAsync(int clients, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => SendAllAsync(cancel.Token))));
    }

    private async Task SendAllAsync(CancellationToken cancellationToken)
    {
        int index;
        while ((index = Interlocked.Increment(ref _next)) < messages.Count)
        {
            var message = messages[index];
            while (!await TryOnceAsync(message, cancellationToken))
            {
                await Task.Delay(100, cancellationToken);
            }

            _accepted[message.MessageId!] = true;
        }
    }

    private async Task<bool> TryOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 60_000 };
        try
        {
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, cancellationToken);
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            return false; // no session: nothing of the message was handed over
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode is >= 400 and < 500)
        {
            return false;
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            _interrupted.AddOrUpdate(message.MessageId!, 1, (_, n) => n + 1);
            return false;
        }

        try
        {
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception ex) when (IsBroken(ex))
        {
            // answered 250 already; the QUIT does not matter
        }

        return true;
    }

    private static bool IsBroken(Exception ex) =>
        ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException
            || (ex is SmtpCommandException command && (int)command.StatusCode == 421);
}
