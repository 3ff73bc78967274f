using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// Who may hand mail in, and how much: a client outside <see cref="SmtpOptions.AllowedNetworks"/> is answered
/// <c>554 5.7.1</c> at MAIL FROM (never an open relay), a declared size over the limit <c>552 5.3.4</c>, a recipient
/// over the limit <c>452 4.5.3</c> (the client sends the rest in another transaction); while the server stops, a new
/// transaction <c>421 4.3.2</c>.
/// </summary>
internal sealed class SmtpMailboxFilter : IMailboxFilter
{
    private const string RecipientCountKey = "mpki.recipients";
    private readonly SmtpSettings _settings;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly SmtpSessionTracker _tracker;

    public SmtpMailboxFilter(SmtpSettings settings, GatewayTelemetry telemetry, SmtpSessionTracker tracker, ILogger logger)
    {
        _tracker = tracker;
        _settings = settings;
        _telemetry = telemetry;
        _logger = logger;
    }

    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        EnsureAllowedClient(context);
        if (_tracker.Draining)
        {
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)421, "4.3.2 The gateway is shutting down; try again later"), quit: true);
        }

        if (size > _settings.Options.MaxMessageSize)
        {
            _telemetry.SmtpRefused("size");
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)552, string.Create(CultureInfo.InvariantCulture, $"5.3.4 Message size {size} exceeds the limit of {_settings.Options.MaxMessageSize} bytes")));
        }

        context.Properties[RecipientCountKey] = 0;
        return Task.FromResult(true);
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        EnsureAllowedClient(context);
        var count = context.Properties.TryGetValue(RecipientCountKey, out var value) && value is int n ? n : 0;
        if (count >= _settings.Options.MaxRecipients)
        {
            _telemetry.SmtpRefused("recipients");
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)452, string.Create(CultureInfo.InvariantCulture, $"4.5.3 Too many recipients (at most {_settings.Options.MaxRecipients} per message); send the rest in another message")));
        }

        context.Properties[RecipientCountKey] = count + 1;
        return Task.FromResult(true);
    }

    private void EnsureAllowedClient(ISessionContext context)
    {
        var remote = context.Properties.TryGetValue(EndpointListener.RemoteEndPointKey, out var value) ? value as IPEndPoint : null;
        if (remote is not null && _settings.IsAllowed(remote.Address))
        {
            return;
        }

        var client = remote?.Address.ToString() ?? "(unknown)";
        SmtpLog.ClientRefused(_logger, client, "not in Smtp.AllowedNetworks");
        _telemetry.SmtpRefused("client");
        throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)554, $"5.7.1 Client {client} is not allowed to send mail through this gateway (relay access denied)"), quit: false);
    }
}
