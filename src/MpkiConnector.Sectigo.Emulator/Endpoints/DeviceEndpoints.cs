using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Issuance;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// Device certificates, in both documents: <c>GET /api/device/v1/types</c>, <c>POST /enroll</c> (answer
/// <c>{deviceCertId, status}</c>), <c>GET /collect/{id}</c>, <c>GET /{id}</c> (details), and the approval endpoints
/// <c>POST /approve/{id}</c> and <c>/decline/{id}</c> (204), which matter when <c>deviceApprovalRequired</c> is on.
/// </summary>
internal static class DeviceEndpoints
{
    public static void MapDevices(this IEndpointRouteBuilder app)
    {
        app.MapDeviceList();
        var group = app.MapGroup("/api/device/v1");
        group.MapGet("/types", (HttpContext context) => SmimeEndpoints.Types(context, "device"));
        group.MapPost("/enroll", (HttpContext context, EnrollRequest body, EnrollmentService enrollment) =>
            enrollment.EnrollAsync(context, body, "device"));
        group.MapGet("/collect/{id:long}", (HttpContext context, long id, string? format, CollectHandler handler) =>
            handler.CollectAsync(context, id, format, "device", "x509"));
        group.MapGet("/{id:long}", async (HttpContext context, long id, EmulatorStore store) =>
        {
            var caller = context.Caller();
            var order = await store.GetOrderAsync(caller.Customer.CustomerUri, id, context.RequestAborted);
            return order is null || order.Kind != "device"
                ? ScmResults.Error(404, -1104, $"Invalid order number {id}")
                : Results.Json(CertificateViews.ToDeviceDetails(order, caller.Customer.Profiles.FirstOrDefault(p => p.Id == order.CertType), caller.Surface));
        });
        group.MapPost("/approve/{id:long}", (HttpContext context, long id, EmulatorStore store, ILogger<CollectHandler> logger) =>
            SettleAsync(context, id, "approved", store, logger));
        group.MapPost("/decline/{id:long}", (HttpContext context, long id, EmulatorStore store, ILogger<CollectHandler> logger) =>
            SettleAsync(context, id, "rejected", store, logger));
    }

    private static async Task<IResult> SettleAsync(HttpContext context, long id, string state, EmulatorStore store, ILogger logger)
    {
        var order = await store.GetOrderAsync(context.Caller().Customer.CustomerUri, id, context.RequestAborted);
        if (order is null || order.Kind != "device")
        {
            return ScmResults.Error(404, -1104, $"Invalid order number {id}");
        }

        if (order.State != "requested" || await store.MarkSettledAsync(id, state, context.RequestAborted) == 0)
        {
            return ScmResults.Error(400, -1105, $"The certificate {id} is {order.State}; only requested certificates can be approved or declined.");
        }

        if (state == "approved")
        {
            EmulatorLog.OrderApproved(logger, id);
        }
        else
        {
            EmulatorLog.OrderDeclined(logger, id);
        }

        return Results.NoContent();
    }
}
