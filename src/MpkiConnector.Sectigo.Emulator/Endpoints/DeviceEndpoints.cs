using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Issuance;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// Device certificates: <c>POST /api/device/v1/enroll</c> and <c>/api/device/v1/collect/{id}</c>. UNCERTAIN: the
/// reference does not document these paths or fields; they mirror the S/MIME ones.
/// </summary>
internal static class DeviceEndpoints
{
    public static void MapDevices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/device/v1");
        group.MapGet("/types", (HttpContext context) => SmimeEndpoints.Types(context, "device"));
        group.MapPost("/enroll", (HttpContext context, EnrollRequest body, EnrollmentService enrollment) =>
            enrollment.EnrollAsync(context, body, "device"));
        group.MapGet("/collect/{id:long}", (HttpContext context, long id, string? format, CollectHandler handler) =>
            handler.CollectAsync(context, id, format, "device", "x509"));
    }
}
