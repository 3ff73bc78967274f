using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using MpkiConnector.Gateway.Spool;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// Sends the outbox to the next hop with MailKit's <see cref="SmtpClient"/>, oldest first, over up to
/// <see cref="SmtpOptions.RelayConcurrency"/> connections at a time (each sends one message after the other). A file
/// is removed only after the next hop answered <c>250</c> (at least once: a crash in between sends it again); a
/// temporary failure (next hop down, <c>4xx</c>) waits with exponential backoff and keeps every file; a permanent
/// refusal (<c>5xx</c>) moves the file to the rejected folder with the next hop's answer.
/// </summary>
internal sealed class SmtpRelay : IDisposable
{
    private readonly MailFolders _folders;
    private readonly SmtpNextHopOptions _hop;
    private readonly GatewayTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SmtpRelayClient[] _clients;
    private readonly System.Collections.Concurrent.ConcurrentBag<SmtpRelayClient> _idle;
    private long _failures;

    public SmtpRelay(MailFolders folders, SmtpNextHopOptions hop, int concurrency, GatewayTelemetry telemetry, TimeProvider time, ILogger logger)
    {
        _clients = [.. Enumerable.Range(0, concurrency).Select(_ => new SmtpRelayClient())];
        _idle = [.. _clients];
        _folders = folders;
        _hop = hop;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
    }

    private string NextHop => $"{_hop.Host}:{_hop.Port}";

    /// <summary>Asks the relay to look at the outbox now.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    /// <summary>Relays until cancelled; the message in flight when it is cancelled stays in the outbox.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var delay = _hop.RetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var files = Directory.Exists(_folders.Outbox)
                ? Directory.EnumerateFiles(_folders.Outbox, "*.eml").Order(StringComparer.Ordinal).ToArray()
                : [];
            var wait = TimeSpan.FromSeconds(5);
            try
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = _clients.Length, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(files, parallel, async (file, ct) =>
                {
                    _idle.TryTake(out var client);
                    try
                    {
                        await RelayOneAsync(client!, file, ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        _idle.Add(client!);
                    }
                }).ConfigureAwait(false);

                delay = _hop.RetryDelay;
                if (files.Length > 0)
                {
                    continue; // more may have arrived meanwhile
                }

                await DisconnectQuietlyAsync().ConfigureAwait(false); // idle: no connection held open
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // the relay keeps going whatever fails: every file stays until the next hop took it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _telemetry.RelayFailed(permanent: false);
                Interlocked.Increment(ref _failures);
                SmtpLog.RelayFailed(_logger, NextHop, files.Length, delay, ex.Message);
                await DisconnectQuietlyAsync().ConfigureAwait(false);
                wait = delay;
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _hop.MaxRetryDelay.Ticks));
            }

            try
            {
                await _wake.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await DisconnectQuietlyAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// For a graceful stop: lets the relay send what is queued until the outbox is empty, an attempt fails (the next hop
    /// is down: what is left stays in the outbox for the next start) or <paramref name="deadline"/> is cancelled.
    /// </summary>
    public async Task DrainAsync(CancellationToken deadline)
    {
        var failures = Interlocked.Read(ref _failures);
        Wake();
        while (Pending > 0 && Interlocked.Read(ref _failures) == failures)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The messages waiting in the outbox.</summary>
    public int Pending => Directory.Exists(_folders.Outbox) ? Directory.EnumerateFiles(_folders.Outbox, "*.eml").Count() : 0;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _wake.Dispose();
    }

    private async Task RelayOneAsync(SmtpRelayClient client, string file, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return; // taken meanwhile
        }

        var envelope = SmtpEnvelope.Extract(message);
        if (!client.IsConnected)
        {
            var tls = _hop.StartTls switch
            {
                SmtpNextHopTls.None => SecureSocketOptions.None,
                SmtpNextHopTls.Required => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            };
            await client.ConnectAsync(_hop.Host, _hop.Port, tls, cancellationToken).ConfigureAwait(false);
        }

        client.BeginMessage();
        try
        {
            if (envelope is null)
            {
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var recipients = envelope.Recipients.Select(r => new MailboxAddress(string.Empty, r));
                await client.SendAsync(message, new MailboxAddress(string.Empty, envelope.Sender), recipients, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            _telemetry.RelayFailed(permanent: true);
            var reason = $"the next hop {NextHop} refused it: {(int)ex.StatusCode} {ex.Message}";
            await _folders.RejectAsync(new SpoolItem(file, null), reason, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            SmtpLog.RelayRefused(_logger, Path.GetFileName(file), reason);
            return;
        }

        if (client.Refused.Count > 0)
        {
            await SetAsideRefusedAsync(client, file, message, envelope, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            File.Delete(file);
        }

        _telemetry.Relayed();
        SmtpLog.Relayed(_logger, Path.GetFileName(file), NextHop);
    }

    /// <summary>
    /// The next hop took the message for some recipients and refused others: the file becomes a copy addressed to the
    /// refused ones only (its envelope names them) and goes to the rejected folder with the next hop's answer for each.
    /// A crash before that sends it again to everyone (at least once).
    /// </summary>
    private async Task SetAsideRefusedAsync(SmtpRelayClient client, string file, MimeMessage message, SmtpEnvelope? envelope, CancellationToken cancellationToken)
    {
        _telemetry.RelayFailed(permanent: true);
        var refused = new SmtpEnvelope(envelope?.Sender ?? message.From.Mailboxes.FirstOrDefault()?.Address ?? string.Empty, [.. client.Refused.Select(r => r.Address)]);
        await DurableFile.ReplaceAsync(file, async (stream, ct) =>
        {
            await stream.WriteAsync(refused.ToHeaderBytes(), ct).ConfigureAwait(false);
            await message.WriteToAsync(stream, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var reason = $"the next hop {NextHop} refused {refused.Recipients.Count} of the recipients (the others got the message): {string.Join("; ", client.Refused.Select(r => $"{r.Address}: {r.Reply}"))}";
        await _folders.RejectAsync(new SpoolItem(file, null), reason, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        SmtpLog.RelayRefused(_logger, Path.GetFileName(file), reason);
    }

    private static bool IsTransient(Exception ex) =>
        ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException
            or AuthenticationException or SslHandshakeException or TimeoutException or ProtocolException;

    private async Task DisconnectQuietlyAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (IsTransient(ex) || ex is OperationCanceledException)
            {
                // the connection is gone either way
            }
        }
    }
}
