using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>Stores a new order and answers the enroll or renew, with the enroll faults (answer dropped or delayed after the order exists).</summary>
internal sealed class OrderPlacement(EmulatorStore store, EmulatorRuntime runtime, TimeProvider time, ILogger<OrderPlacement> logger)
{
    public async Task<IResult> PlaceAsync(HttpContext context, ScmCaller caller, OrderRow order)
    {
        // The order is committed even when the caller has gone: a lost answer must still leave the order behind.
        var id = await store.InsertOrderAsync(order, CancellationToken.None);
        EmulatorLog.OrderCreated(logger, id, order.Email, order.CertType, order.Term, caller.Account.Login);
        var behavior = caller.Behavior;
        if (runtime.TakeBurst(() => behavior.EnrollDropCount, v => behavior.EnrollDropCount = v))
        {
            EmulatorLog.Fault(logger, context.Request.Method, context.Request.Path.Value ?? "/", "enroll answer dropped after the order was created");
            context.Items[RequestLoggingMiddleware.DroppedKey] = true;
            context.Abort();
            return Results.Empty;
        }

        if (runtime.TakeBurst(() => behavior.EnrollTimeoutCount, v => behavior.EnrollTimeoutCount = v))
        {
            EmulatorLog.Fault(logger, context.Request.Method, context.Request.Path.Value ?? "/", "enroll answer delayed after the order was created");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(behavior.EnrollTimeoutSeconds), time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                context.Items[RequestLoggingMiddleware.DroppedKey] = true;
                return Results.Empty;
            }
        }

        return Results.Json(Answer(caller, order.Kind, id));
    }

    /// <summary>
    /// S/MIME: <c>{orderNumber, backendCertId}</c> (both documents). Device: <c>{deviceCertId, status}</c>; the classic
    /// reference (25.5) adds the deprecated <c>backendCertId</c> and <c>orderNumber</c>, the Admin Operations document does not.
    /// </summary>
    private static object Answer(ScmCaller caller, string kind, long id)
    {
        var backendCertId = id.ToString(CultureInfo.InvariantCulture);
        if (kind != "device")
        {
            return new EnrollResponse(id, backendCertId);
        }

        return caller.Surface == ApiSurface.Admin
            ? new DeviceEnrollResponse(id, "Requested", null, null)
            : new DeviceEnrollResponse(id, "REQUESTED", backendCertId, id);
    }
}
