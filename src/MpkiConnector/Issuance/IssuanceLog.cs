using Microsoft.Extensions.Logging;

namespace MpkiConnector.Issuance;

/// <summary>Log messages of the issuance coordinator (never a key or a secret).</summary>
internal static partial class IssuanceLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Opened order {OrderId} for {Address} at provider {Provider} (key {KeyId})")]
    public static partial void OrderOpened(ILogger logger, string orderId, string address, string provider, string keyId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Adopting open order {OrderId} for {Address} in state {State}")]
    public static partial void OrderAdopted(ILogger logger, string orderId, string address, Storage.OrderState state);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Order {OrderId} for {Address} submitted; provider order {ProviderOrderId}")]
    public static partial void OrderSubmitted(ILogger logger, string orderId, string address, string providerOrderId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Order {OrderId}: the outcome of an earlier submission is unknown; looking it up at provider {Provider}")]
    public static partial void OutcomeUnknown(ILogger logger, string orderId, string provider);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Order {OrderId} pending ({Status}); next attempt at {NextAttemptAt}")]
    public static partial void OrderPending(ILogger logger, string orderId, string? status, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Order {OrderId}: transient error ({Kind}): {Error}; next attempt at {NextAttemptAt}")]
    public static partial void TransientError(ILogger logger, string orderId, MpkiErrorKind kind, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Order {OrderId} for {Address} ended {State}: {Reason}")]
    public static partial void OrderEnded(ILogger logger, string orderId, string address, Storage.OrderState state, string reason);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Certificate {Serial} issued for {Address} (order {OrderId}), valid until {NotAfter}")]
    public static partial void CertificateIssued(ILogger logger, string serial, string address, string orderId, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "Topping up the {Algorithm} key pool failed; orders generate their own keys meanwhile")]
    public static partial void KeyPoolFillFailed(ILogger logger, MpkiKeyAlgorithm algorithm, Exception exception);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Order {OrderId}: {Error}; the order stays open")]
    public static partial void OrderHeld(ILogger logger, string orderId, string error);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Deleted key {KeyId}: no order or certificate owns it (a process stopped before journaling its order)")]
    public static partial void UnreferencedKeyDeleted(ILogger logger, string keyId);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Key {KeyId} is owned by no order or certificate but could not be deleted; the next run tries again")]
    public static partial void UnreferencedKeyNotDeleted(ILogger logger, string keyId, Exception exception);
}
