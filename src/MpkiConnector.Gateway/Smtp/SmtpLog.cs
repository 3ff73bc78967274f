using Microsoft.Extensions.Logging;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>The SMTP side's log events (source-generated; no password ever goes into one).</summary>
internal static partial class SmtpLog
{
    [LoggerMessage(5001, LogLevel.Information, "SMTP listening on {Endpoint} (STARTTLS: {StartTls}, AUTH: {Auth}); relaying to {NextHop}")]
    public static partial void Listening(ILogger logger, string endpoint, bool startTls, bool auth, string nextHop);

    [LoggerMessage(5002, LogLevel.Warning, "SMTP client {Client} refused: {Reason}")]
    public static partial void ClientRefused(ILogger logger, string client, string reason);

    [LoggerMessage(5003, LogLevel.Debug, "SMTP message {File} from {Sender} accepted: {Outcome}")]
    public static partial void Accepted(ILogger logger, string file, string sender, string outcome);

    [LoggerMessage(5004, LogLevel.Information, "SMTP message from {Sender} answered {Code}: {Reason}")]
    public static partial void Answered(ILogger logger, string sender, int code, string reason);

    [LoggerMessage(5005, LogLevel.Debug, "Relayed {File} to {NextHop}")]
    public static partial void Relayed(ILogger logger, string file, string nextHop);

    [LoggerMessage(5006, LogLevel.Warning, "Relay to {NextHop} failed; {Count} message(s) wait, next attempt in {Delay}: {Reason}")]
    public static partial void RelayFailed(ILogger logger, string nextHop, int count, TimeSpan delay, string reason);

    [LoggerMessage(5007, LogLevel.Warning, "The next hop refused {File} for good; moved to the rejected folder: {Reason}")]
    public static partial void RelayRefused(ILogger logger, string file, string reason);

    [LoggerMessage(5008, LogLevel.Information, "SMTP stopping: no new sessions; waiting up to {Timeout} for {Count} session(s)")]
    public static partial void Draining(ILogger logger, TimeSpan timeout, long count);

    [LoggerMessage(5009, LogLevel.Information, "SMTP stopped; {Count} message(s) wait in the outbox for the next start")]
    public static partial void Stopped(ILogger logger, int count);

    [LoggerMessage(5010, LogLevel.Information, "Recovered {Count} message(s) taken in before an interruption")]
    public static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(5011, LogLevel.Error, "SMTP session {Session} failed")]
    public static partial void SessionFaulted(ILogger logger, Guid session, Exception exception);
}
