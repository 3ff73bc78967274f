using Microsoft.Extensions.Logging;

namespace MpkiConnector.Sectigo;

/// <summary>The connector's log lines. None of them carries a header, a password or a key.</summary>
internal static partial class SectigoLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Sectigo {Account}: {Method} {Path} -> {Status} in {ElapsedMs} ms")]
    public static partial void HttpCall(ILogger logger, string account, string method, string path, int status, long elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Sectigo {Account}: {Method} {Path} failed after {ElapsedMs} ms: {Error}")]
    public static partial void HttpCallFailed(ILogger logger, string account, string method, string path, long elapsedMs, string error);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Sectigo {Account}: retry {Attempt} after {Status}, waiting {Delay}")]
    public static partial void Retrying(ILogger logger, string account, int attempt, string status, TimeSpan delay);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Sectigo {Account}: circuit opened for {Duration} after repeated failures")]
    public static partial void CircuitOpened(ILogger logger, string account, TimeSpan duration);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Sectigo {Account}: circuit closed")]
    public static partial void CircuitClosed(ILogger logger, string account);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Sectigo {Account}: discovered {Organizations} organisation(s), {Types} certificate type(s)")]
    public static partial void Discovered(ILogger logger, string account, int organizations, int types);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Sectigo {Account}: enrolled {Subject} (correlation {CorrelationId}) as order {OrderId}")]
    public static partial void Enrolled(ILogger logger, string account, string subject, string correlationId, string orderId);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Sectigo {Account}: the answer to the enrollment of {Subject} (correlation {CorrelationId}) was lost ({Error}); the order may exist, to be looked for before any new submission")]
    public static partial void EnrollLost(ILogger logger, string account, string subject, string correlationId, string error);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Information, Message = "Sectigo {Account}: found order {OrderId} for correlation {CorrelationId}")]
    public static partial void FoundOrder(ILogger logger, string account, string orderId, string correlationId);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Debug, Message = "Sectigo {Account}: order {OrderId} pending (code {Code}: {Status})")]
    public static partial void Pending(ILogger logger, string account, string orderId, string code, string status);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Information, Message = "Sectigo {Account}: collected order {OrderId}")]
    public static partial void Collected(ILogger logger, string account, string orderId);

    [LoggerMessage(EventId = 4116, Level = LogLevel.Warning, Message = "Sectigo {Account}: order {OrderId} rejected (code {Code}): {Reason}")]
    public static partial void Rejected(ILogger logger, string account, string orderId, string code, string reason);

    [LoggerMessage(EventId = 4117, Level = LogLevel.Information, Message = "Sectigo {Account}: revoked {Target}")]
    public static partial void Revoked(ILogger logger, string account, string target);

    [LoggerMessage(EventId = 4118, Level = LogLevel.Information, Message = "Sectigo {Account}: person record for {Email} {Action} (validation {ValidationType})")]
    public static partial void PersonEnsured(ILogger logger, string account, string email, string action, string validationType);

    [LoggerMessage(EventId = 4119, Level = LogLevel.Information, Message = "Sectigo {Account}: renewed order {OrderId} as order {NewOrderId}")]
    public static partial void Renewed(ILogger logger, string account, string orderId, string newOrderId);

    [LoggerMessage(EventId = 4131, Level = LogLevel.Information, Message = "Sectigo {Account}: enrollment invitation for {Email} sent (form {Form}, account {FormAccount})")]
    public static partial void InvitationSent(ILogger logger, string account, string email, string form, string formAccount);
}
