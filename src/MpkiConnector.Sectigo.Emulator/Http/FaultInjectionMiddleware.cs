using MpkiConnector.Sectigo.Emulator.Configuration;

namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>Applies the behaviour knobs that do not depend on the endpoint: latency, dropped connections, 429, 5xx, malformed JSON.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, EmulatorRuntime runtime, TimeProvider time, ILogger<FaultInjectionMiddleware> logger)
{
    /// <summary>Marks an answer whose status or body was injected (in no Sectigo document): 429, server-error, malformed-json.</summary>
    public const string FaultHeader = "X-Emulator-Fault";

    private const string FaultKey = "scm.fault";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var behavior = runtime.BehaviorFor(context);
        if (behavior.LatencyMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(behavior.LatencyMilliseconds), time, context.RequestAborted);
        }

        if (!Applies(behavior, context))
        {
            await next(context);
            return;
        }

        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        context.Response.OnStarting(() =>
        {
            if (context.Items.ContainsKey(FaultKey))
            {
                context.Response.Headers[FaultHeader] = (string)context.Items[FaultKey]!;
            }

            return Task.CompletedTask;
        });
        if (runtime.TakeBurst(() => behavior.DropConnectionBurst, v => behavior.DropConnectionBurst = v) || runtime.Roll(behavior.DropConnectionRate))
        {
            EmulatorLog.Fault(logger, method, path, "connection dropped");
            context.Items[RequestLoggingMiddleware.DroppedKey] = true;
            context.Abort();
            return;
        }

        if (runtime.TakeBurst(() => behavior.TooManyRequestsBurst, v => behavior.TooManyRequestsBurst = v) || runtime.Roll(behavior.TooManyRequestsRate))
        {
            EmulatorLog.Fault(logger, method, path, "429");
            context.Items[FaultKey] = "429";
            context.Response.Headers.RetryAfter = behavior.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ScmResults.WriteErrorAsync(context, 429, -1, "Too many requests, please try again later.");
            return;
        }

        if (runtime.TakeBurst(() => behavior.ServerErrorBurst, v => behavior.ServerErrorBurst = v) || runtime.Roll(behavior.ServerErrorRate))
        {
            EmulatorLog.Fault(logger, method, path, behavior.ServerErrorStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Items[FaultKey] = "server-error";
            if (behavior.ServerErrorStatus == 503)
            {
                context.Response.Headers.RetryAfter = behavior.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ScmResults.WriteErrorAsync(context, 503, -195, "CA is not available now. Please try again later.");
            }
            else
            {
                await ScmResults.WriteErrorAsync(context, behavior.ServerErrorStatus, -2, "Internal error. Please contact Support for details.");
            }

            return;
        }

        if (runtime.TakeBurst(() => behavior.MalformedJsonBurst, v => behavior.MalformedJsonBurst = v) || runtime.Roll(behavior.MalformedJsonRate))
        {
            EmulatorLog.Fault(logger, method, path, "malformed JSON");
            context.Items[FaultKey] = "malformed-json";
            await WriteMalformedAsync(context);
            return;
        }

        await next(context);
    }

    private static bool Applies(EmulatorBehavior behavior, HttpContext context)
    {
        if (behavior.FaultPathContains is { Length: > 0 } part
            && !(context.Request.Path.Value ?? string.Empty).Contains(part, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return behavior.FaultMethods.Count == 0
            || behavior.FaultMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase);
    }

    private async Task WriteMalformedAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = buffer.ToArray();
        var cut = body.Length > 1 ? body.AsMemory(0, body.Length / 2) : "{\"code\":"u8.ToArray();
        context.Response.ContentLength = cut.Length;
        context.Response.ContentType = "application/json";
        if (context.Response.StatusCode == 204)
        {
            context.Response.StatusCode = 200;
        }

        await original.WriteAsync(cut, context.RequestAborted);
    }
}
