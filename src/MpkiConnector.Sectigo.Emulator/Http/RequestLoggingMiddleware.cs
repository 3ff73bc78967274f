namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>Logs and records every request: method, path, status, customer URI and login; never the password.</summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, EmulatorRuntime runtime, TimeProvider time, ILogger<RequestLoggingMiddleware> logger)
{
    public const string DroppedKey = "scm.dropped";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var path = context.Request.PathBase.Add(context.Request.Path).Value ?? "/";
            var status = context.Items.ContainsKey(DroppedKey) ? 0 : context.Response.StatusCode;
            var customerUri = Header(context, "customerUri");
            var login = Header(context, "login");
            runtime.Record(new EmulatorRequestRecord(context.Request.Method, path, status, customerUri, login));
            EmulatorLog.Request(logger, context.Request.Method, path, status, customerUri, login,
                (long)time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    internal static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;
}
