using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MpkiConnector.Gateway.Engine;
using MpkiConnector.Gateway.Spool;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// Takes one message in: writes it durably (flushed to disk) with its envelope into the SMTP intake folder, runs it
/// through the same <see cref="MessageProcessor"/> as the folder mode, and answers by where it ended: in the outbox
/// <c>250</c>; deferred (first mail of a sender whose certificate is not there yet, or a temporary failure)
/// <c>451</c> and our copy is dropped, so the sending MTA keeps it and retries; rejected <c>554</c> (a copy stays in
/// the rejected folder with its reason). Nothing is answered <c>250</c> before it is durably in the outbox.
/// </summary>
internal sealed class SmtpMessageStore : IMessageStore
{
    private readonly MessageProcessor _processor;
    private readonly MailFolders _folders;
    private readonly SmtpSettings _settings;
    private readonly SemaphoreSlim _concurrency;
    private readonly GatewayTelemetry _telemetry;
    private readonly Action _onQueued;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _hardStop;

    // hardStop is cancelled when the drain time is over. A session's own token is not used for the work: the listener
    // cancels it as soon as it stops accepting, and a message being processed then must still be finished and answered.
    public SmtpMessageStore(MessageProcessor processor, MailFolders folders, SmtpSettings settings, int maxConcurrent, GatewayTelemetry telemetry, Action onQueued, TimeProvider time, ILogger logger, CancellationToken hardStop)
    {
        _hardStop = hardStop;
        _processor = processor;
        _folders = folders;
        _settings = settings;
        _concurrency = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _telemetry = telemetry;
        _onQueued = onQueued;
        _time = time;
        _logger = logger;
    }

    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken sessionCancellation)
    {
        try
        {
            return await AcceptAsync(transaction, buffer, _hardStop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_hardStop.IsCancellationRequested)
        {
            // Cut off at the end of the drain time: not answered 250, so the client sends it again (a copy already in the
            // spool is relayed after the next start too: at least once).
            return Answer(Address(transaction.From), 421, "4.3.2 The gateway is shutting down; the message was not accepted, try again later");
        }
    }

    private async Task<SmtpResponse> AcceptAsync(IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var sender = Address(transaction.From);
        if (buffer.Length > _settings.Options.MaxMessageSize)
        {
            _telemetry.SmtpRefused("size");
            return Answer(sender, 552, string.Create(CultureInfo.InvariantCulture, $"5.3.4 Message size exceeds the limit of {_settings.Options.MaxMessageSize} bytes"));
        }

        var envelope = new SmtpEnvelope(sender, transaction.To.Select(Address).ToArray());
        var name = string.Create(CultureInfo.InvariantCulture, $"smtp-{_time.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        var path = await DurableFile.WriteNewAsync(_folders.Spool, name, async (stream, ct) =>
        {
            await stream.WriteAsync(envelope.ToHeaderBytes(), ct).ConfigureAwait(false);
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, ct).ConfigureAwait(false);
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

        MessageOutcome outcome;
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            outcome = await _processor.ProcessAsync(new SpoolItem(path, null), _folders, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _concurrency.Release();
        }

        var file = Path.GetFileName(path);
        switch (outcome.Kind)
        {
            case MessageOutcomeKind.Deferred:
                DurableFile.TryDelete(Path.Combine(_folders.Deferred, file));
                DurableFile.TryDelete(Path.Combine(_folders.Deferred, file + ".defer.json"));
                _telemetry.SmtpDeferred();
                return Answer(sender, 451, $"4.7.1 {OneLine(outcome.Reason)}; please try again later");
            case MessageOutcomeKind.Rejected:
                _telemetry.SmtpRefused("message");
                return Answer(sender, 554, $"5.6.0 {OneLine(outcome.Reason)}");
            default:
                _telemetry.SmtpAccepted();
                _onQueued();
                SmtpLog.Accepted(_logger, file, sender, outcome.Reason);
                return new SmtpResponse(SmtpReplyCode.Ok, $"2.0.0 Ok: queued as {Path.GetFileNameWithoutExtension(file)} ({outcome.Reason})");
        }
    }

    private SmtpResponse Answer(string sender, int code, string text)
    {
        SmtpLog.Answered(_logger, sender, code, text);
        return new SmtpResponse((SmtpReplyCode)code, text);
    }

    private static string Address(IMailbox mailbox) =>
        string.IsNullOrEmpty(mailbox.User) && string.IsNullOrEmpty(mailbox.Host) ? string.Empty : mailbox.AsAddress();

    /// <summary>A reason fit for one SMTP reply line: printable US-ASCII, at most 300 characters.</summary>
    internal static string OneLine(string reason)
    {
        var text = new StringBuilder(Math.Min(reason.Length, 300));
        foreach (var c in reason)
        {
            if (text.Length == 300)
            {
                break;
            }

            text.Append(c is >= ' ' and <= '~' ? c : ' ');
        }

        return text.ToString().Trim();
    }
}
