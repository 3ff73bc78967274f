using Microsoft.Extensions.Logging;

namespace MpkiConnector.Gateway;

/// <summary>The gateway's log events (source-generated; no secret ever goes into one).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Message {File} rejected: {Reason}")]
    public static partial void MessageRejected(ILogger logger, string file, string reason);

    [LoggerMessage(1002, LogLevel.Information, "Message {File} from {Address} deferred until {NextAttemptAt:O}: {Reason}")]
    public static partial void MessageDeferred(ILogger logger, string file, string address, DateTimeOffset nextAttemptAt, string reason);

    [LoggerMessage(1003, LogLevel.Debug, "Message {File} from {Address} signed (encrypted: {Encrypted})")]
    public static partial void MessageSigned(ILogger logger, string file, string address, bool encrypted);

    [LoggerMessage(1004, LogLevel.Information, "Message {File} from {Address} passed on unsigned: {Reason}")]
    public static partial void MessagePassedUnsigned(ILogger logger, string file, string address, string reason);

    [LoggerMessage(1005, LogLevel.Error, "Message {File} could not be processed; it is kept for a retry")]
    public static partial void MessageFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(1006, LogLevel.Warning, "Message {File} could not be decrypted: {Reason}")]
    public static partial void DecryptFailed(ILogger logger, string file, string reason);

    [LoggerMessage(1007, LogLevel.Information, "Harvested the certificate {Thumbprint} of {Address}")]
    public static partial void CertificateHarvested(ILogger logger, string address, string thumbprint);

    [LoggerMessage(1008, LogLevel.Information, "Message {File} signed by {Address} not harvested: {Reason}")]
    public static partial void NotHarvested(ILogger logger, string file, string address, string reason);

    [LoggerMessage(2001, LogLevel.Information, "Issuance for {Address} started at provider account {Provider}")]
    public static partial void IssuanceStarted(ILogger logger, string address, string provider);

    [LoggerMessage(2002, LogLevel.Information, "Issuance for {Address} ended: {Result}")]
    public static partial void IssuanceEnded(ILogger logger, string address, string result);

    [LoggerMessage(2003, LogLevel.Warning, "Issuance for {Address} failed: {Reason}")]
    public static partial void IssuanceFailed(ILogger logger, string address, string reason);

    [LoggerMessage(2004, LogLevel.Information, "No new order for {Address} until {Until:O}: the last one failed ({Reason})")]
    public static partial void IssuanceParked(ILogger logger, string address, DateTimeOffset until, string reason);

    [LoggerMessage(3001, LogLevel.Information, "Certificate {Serial} of {Address} is due for renewal ({Why}; ends {NotAfter:O})")]
    public static partial void RenewalDue(ILogger logger, string address, string serial, string why, DateTimeOffset notAfter);

    [LoggerMessage(3002, LogLevel.Warning, "Renewal of {Address} failed; next attempt not before {RetryAt:O}: {Reason}")]
    public static partial void RenewalFailed(ILogger logger, string address, DateTimeOffset retryAt, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "Certificate {Serial} of {Address} ends {NotAfter:O} and has not been renewed")]
    public static partial void ExpiringSoon(ILogger logger, string address, string serial, DateTimeOffset notAfter);

    [LoggerMessage(3004, LogLevel.Error, "The renewal check failed")]
    public static partial void RenewalCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(3005, LogLevel.Information, "Renewed {Address}: certificate {Serial} replaces {OldSerial}")]
    public static partial void Renewed(ILogger logger, string address, string serial, string oldSerial);

    [LoggerMessage(3006, LogLevel.Warning, "Certificate {Serial} of {Address} was found revoked at the CA")]
    public static partial void FoundRevoked(ILogger logger, string address, string serial);

    [LoggerMessage(3007, LogLevel.Error, "Certificate {Serial} of {Address} cannot be scheduled for renewal: {Reason}")]
    public static partial void RenewalMisfit(ILogger logger, string address, string serial, string reason);

    [LoggerMessage(4001, LogLevel.Information, "Run finished: {Summary}")]
    public static partial void RunFinished(ILogger logger, GatewayRunSummary summary);

    [LoggerMessage(4002, LogLevel.Critical, "The hosted gateway stopped processing the spool; the host is stopped")]
    public static partial void HostedGatewayFailed(ILogger logger, Exception exception);
}
