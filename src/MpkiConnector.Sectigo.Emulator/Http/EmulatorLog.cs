namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>Source-generated log messages. The password header is never logged.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "{Method} {Path} -> {Status} (customerUri {CustomerUri}, login {Login}, {ElapsedMs} ms)")]
    public static partial void Request(ILogger logger, string method, string path, int status, string? customerUri, string? login, long elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Fault injected on {Method} {Path}: {Fault}")]
    public static partial void Fault(ILogger logger, string method, string path, string fault);

    [LoggerMessage(3, LogLevel.Information, "Order {OrderNumber} created for {Email} (profile {CertType}, term {Term} days) by {Login}")]
    public static partial void OrderCreated(ILogger logger, long orderNumber, string? email, long certType, long term, string login);

    [LoggerMessage(4, LogLevel.Information, "Order {OrderNumber} issued, serial {Serial}")]
    public static partial void OrderIssued(ILogger logger, long orderNumber, string serial);

    [LoggerMessage(5, LogLevel.Information, "Order {OrderNumber} revoked (reason code {ReasonCode})")]
    public static partial void OrderRevoked(ILogger logger, long orderNumber, long? reasonCode);

    [LoggerMessage(6, LogLevel.Information, "SCM emulator listening on {BaseAddress} (data {DataDirectory})")]
    public static partial void Started(ILogger logger, Uri baseAddress, string dataDirectory);

    [LoggerMessage(8, LogLevel.Information, "Order {OrderNumber} declined")]
    public static partial void OrderDeclined(ILogger logger, long orderNumber);

    [LoggerMessage(9, LogLevel.Information, "Order {OrderNumber} approved")]
    public static partial void OrderApproved(ILogger logger, long orderNumber);
}
