using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Smime;
using MpkiConnector.Gateway.Spool;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Engine;

/// <summary>
/// Takes one message from the spool to exactly one of outbox, deferred spool or rejected folder: outbound mail of
/// managed senders is signed (and encrypted when every recipient's certificate is known), issuing a first certificate
/// under the first-mail policy; inbound mail for managed users is decrypted and its signer's certificate harvested.
/// </summary>
internal sealed class MessageProcessor
{
    private readonly DomainDirectory _domains;
    private readonly StoreSecureMimeContext _smime;
    private readonly IssuanceScheduler _issuance;
    private readonly InboundProcessor _inbound;
    private readonly IGatewayStateStore _state;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger _logger;

    public MessageProcessor(
        DomainDirectory domains,
        StoreSecureMimeContext smime,
        IssuanceScheduler issuance,
        InboundProcessor inbound,
        IGatewayStateStore state,
        GatewayOptions options,
        TimeProvider time,
        GatewayTelemetry telemetry,
        ILogger<MessageProcessor> logger)
    {
        _domains = domains;
        _smime = smime;
        _issuance = issuance;
        _inbound = inbound;
        _state = state;
        _options = options;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    public async Task<MessageOutcome> ProcessAsync(SpoolItem item, MailFolders folders, CancellationToken cancellationToken = default)
    {
        if (MailFolders.Claim(item) is not { } claimed)
        {
            return new MessageOutcome(MessageOutcomeKind.Skipped, "taken by another process, or removed");
        }

        try
        {
            return await ProcessClaimedAsync(claimed, folders, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            MailFolders.Release(claimed); // an input still there (cancelled, or the run failed) goes back under its name
        }
    }

    private async Task<MessageOutcome> ProcessClaimedAsync(SpoolItem item, MailFolders folders, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.GatewayActivitySource.Source.StartActivity("mpki.gateway.message");
        MessageOutcome outcome;
        try
        {
            outcome = await ProcessCoreAsync(item, folders, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the input stays where it is
        }
#pragma warning disable CA1031 // whatever fails, the message must end somewhere and the run must go on
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GatewayLog.MessageFailed(_logger, item.FileName, ex);
            var now = _time.GetUtcNow();
            var reason = $"processing failed: {ex.GetType().Name}: {ex.Message}";
            if (item.Deferral is { } deferral && now - deferral.FirstDeferredAt >= _options.FirstMail.DeferMaxAge)
            {
                outcome = await RejectAsync(item, folders, $"{reason} (kept failing for {_options.FirstMail.DeferMaxAge})", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                outcome = await DeferAsync(item, folders, "(unknown)", reason, cancellationToken).ConfigureAwait(false);
            }
        }

        _telemetry.Message(outcome.Kind.ToString().ToLowerInvariant());
        activity?.SetTag("mpki.message.outcome", outcome.Kind.ToString().ToLowerInvariant());
        return outcome;
    }

    private async Task<MessageOutcome> ProcessCoreAsync(SpoolItem item, MailFolders folders, CancellationToken cancellationToken)
    {
        if (MailFolders.Inspect(item, _options.Limits.MaxMessageBytes) is { } unreadable)
        {
            await folders.SetAsideAsync(item, unreadable, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            GatewayLog.MessageRejected(_logger, item.FileName, unreadable);
            return new MessageOutcome(MessageOutcomeKind.Rejected, unreadable);
        }

        var (message, unparsed) = await MessageLoader.LoadAsync(item.Path, _options.Limits, _time, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return await RejectAsync(item, folders, unparsed!, cancellationToken).ConfigureAwait(false);
        }

        if (Validate(message) is { } problem)
        {
            return await RejectAsync(item, folders, $"malformed message: {problem}", cancellationToken).ConfigureAwait(false);
        }

        var sender = message.Sender ?? message.From.Mailboxes.First();
        var senderAddress = EmailAddress.Normalize(sender.Address);
        var domain = _domains.FindByAddress(senderAddress);
        if (domain is not null)
        {
            DropTrailingDots(message);

            return await OutboundAsync(item, folders, message, sender, senderAddress, domain, cancellationToken).ConfigureAwait(false);
        }

        if (message.GetRecipients(onlyUnique: true).Any(r => _domains.FindByAddress(r.Address) is not null))
        {
            return await _inbound.ProcessAsync(item, folders, message, senderAddress, cancellationToken).ConfigureAwait(false);
        }

        await folders.DeliverUnchangedAsync(item, cancellationToken).ConfigureAwait(false);
        return new MessageOutcome(MessageOutcomeKind.PassedThrough, "neither sender nor recipients are in a managed domain");
    }

    /// <summary>The certificate names the address without a trailing dot (<c>user@example.org.</c>): so does the outgoing mail.</summary>
    private static void DropTrailingDots(MimeMessage message)
    {
        foreach (var (id, list) in new[] { (HeaderId.From, message.From), (HeaderId.Sender, message.Sender is null ? null : new InternetAddressList([message.Sender])) })
        {
            var raw = message.Headers[id];
            if (list is null || raw is null || !(raw.TrimEnd().EndsWith('.') || raw.Contains(".>", StringComparison.Ordinal)))
            {
                continue;
            }

            var clean = list.Mailboxes.Select(m => new MailboxAddress(m.Name, m.Address.TrimEnd('.'))).ToList();
            if (id == HeaderId.From)
            {
                message.From.Clear();
                message.From.AddRange(clean);
            }
            else
            {
                message.Sender = clean[0];
            }
        }
    }

    private static string? Validate(MimeMessage message)
    {
        if (message.Headers.Count == 0)
        {
            return "no header fields";
        }

        var sender = message.Sender ?? (message.From.Mailboxes.Count() == 1 ? message.From.Mailboxes.First() : null);
        if (sender is null)
        {
            return message.From.Count == 0 ? "no From address" : "several From addresses and no Sender";
        }

        if (!EmailAddress.TryParse(sender.Address, out _, out var refused))
        {
            return $"the sender address is refused: {refused}";
        }

        if (!message.GetRecipients(onlyUnique: true).Any())
        {
            return "no recipient (To, Cc, Bcc)";
        }

        return message.Body is null ? "no body" : null;
    }

    private async Task<MessageOutcome> OutboundAsync(SpoolItem item, MailFolders folders, MimeMessage message, MailboxAddress sender, string address, ManagedDomain domain, CancellationToken cancellationToken)
    {
        await _state.TouchSenderAsync(address, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (await _smime.FindSigningCertificateAsync(address, cancellationToken).ConfigureAwait(false) is not null)
        {
            return await SignAsync(item, folders, message, sender, address, cancellationToken).ConfigureAwait(false);
        }

        if (!domain.AutoIssue)
        {
            return await PassUnsignedAsync(item, folders, address, $"no certificate and auto-issue is off for {domain.Domain}", cancellationToken).ConfigureAwait(false);
        }

        var issuance = _issuance.IssueAsync(IssuanceScheduler.RequestFor(domain, address, DisplayName.Sanitize(sender.Name), null));
        var policy = _options.FirstMail.Policy;
        IssuanceResult? result = issuance.IsCompleted ? await issuance.ConfigureAwait(false) : null;
        if (result is null && policy == FirstMailPolicy.Hold)
        {
            try
            {
                result = await issuance.WaitAsync(_options.FirstMail.HoldTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                result = null;
            }
        }

        if (result is IssuanceResult.Issued)
        {
            return await SignAsync(item, folders, message, sender, address, cancellationToken).ConfigureAwait(false);
        }

        var why = result switch
        {
            null when policy == FirstMailPolicy.Hold => $"the certificate was not issued within {_options.FirstMail.HoldTimeout}",
            null => "the first certificate is being issued",
            IssuanceResult.Pending pending => $"the certificate is not issued yet: {pending.Status ?? "pending at the CA"}",
            IssuanceResult.Failed failed => $"the certificate could not be issued: {failed.Reason}",
            _ => "no certificate",
        };
        var effective = policy == FirstMailPolicy.Hold ? _options.FirstMail.HoldFallback : policy;
        var tooOld = item.Deferral is { } deferral && _time.GetUtcNow() - deferral.FirstDeferredAt >= _options.FirstMail.DeferMaxAge;
        if (effective == FirstMailPolicy.Defer && !tooOld)
        {
            return await DeferAsync(item, folders, address, why, cancellationToken).ConfigureAwait(false);
        }

        var note = tooOld ? $"{why}; deferred longer than {_options.FirstMail.DeferMaxAge}" : why;
        return await PassUnsignedAsync(item, folders, address, note, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MessageOutcome> SignAsync(SpoolItem item, MailFolders folders, MimeMessage message, MailboxAddress sender, string address, CancellationToken cancellationToken)
    {
        var signerMailbox = new MailboxAddress(sender.Name, address);
        var signed = await MultipartSigned.CreateAsync(_smime, signerMailbox, DigestAlgorithm.Sha256, message.Body!, cancellationToken).ConfigureAwait(false);
        var recipients = message.GetRecipients(onlyUnique: true).ToList();
        var encrypt = _options.EncryptWhenPossible && recipients.Count > 0;
        foreach (var recipient in recipients)
        {
            if (!encrypt)
            {
                break;
            }

            encrypt = await _smime.CanEncryptAsync(recipient, cancellationToken).ConfigureAwait(false);
        }

        message.Body = encrypt
            ? await ApplicationPkcs7Mime.EncryptAsync(_smime, recipients, signed, cancellationToken).ConfigureAwait(false)
            : signed;
        await folders.DeliverAsync(item, (s, ct) => message.WriteToAsync(s, ct), cancellationToken).ConfigureAwait(false);
        GatewayLog.MessageSigned(_logger, item.FileName, address, encrypt);
        return new MessageOutcome(MessageOutcomeKind.Signed, encrypt ? "signed and encrypted" : "signed") { Encrypted = encrypt };
    }

    private async Task<MessageOutcome> PassUnsignedAsync(SpoolItem item, MailFolders folders, string address, string reason, CancellationToken cancellationToken)
    {
        await folders.DeliverUnchangedAsync(item, cancellationToken).ConfigureAwait(false);
        GatewayLog.MessagePassedUnsigned(_logger, item.FileName, address, reason);
        return new MessageOutcome(MessageOutcomeKind.PassedUnsigned, reason);
    }

    private async Task<MessageOutcome> DeferAsync(SpoolItem item, MailFolders folders, string address, string reason, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var next = now + _options.FirstMail.DeferRetryInterval;
        await folders.DeferAsync(item, reason, now, next, cancellationToken).ConfigureAwait(false);
        GatewayLog.MessageDeferred(_logger, item.FileName, address, next, reason);
        return new MessageOutcome(MessageOutcomeKind.Deferred, reason);
    }

    private async Task<MessageOutcome> RejectAsync(SpoolItem item, MailFolders folders, string reason, CancellationToken cancellationToken)
    {
        await folders.RejectAsync(item, reason, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        GatewayLog.MessageRejected(_logger, item.FileName, reason);
        return new MessageOutcome(MessageOutcomeKind.Rejected, reason);
    }
}
