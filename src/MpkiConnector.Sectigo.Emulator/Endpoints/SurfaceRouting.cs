using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// Serves a route only on the surfaces whose document has it: a call on the other surface (for example
/// <c>/api/smime/v2/enroll</c> with classic header auth) gets 404 with SCM's error body, as an unknown path does.
/// </summary>
internal static class SurfaceRouting
{
    public static TBuilder On<TBuilder>(this TBuilder builder, ServedOn served)
        where TBuilder : IEndpointConventionBuilder =>
        served == ServedOn.Both
            ? builder
            : builder.AddEndpointFilter(async (invocation, next) =>
                Allows(invocation.HttpContext, served) ? await next(invocation) : NotOnThisSurface(invocation.HttpContext));

    public static bool Allows(HttpContext context, ServedOn served)
    {
        var surface = context.Caller().Surface;
        if (surface == ApiSurface.Admin)
        {
            return served.HasFlag(ServedOn.Admin);
        }

        return served.HasFlag(ServedOn.Classic)
            || context.RequestServices.GetRequiredService<EmulatorRuntime>().Options.ClassicServesAdminRoutes;
    }

    public static IResult NotOnThisSurface(HttpContext context) =>
        ScmResults.Error(404, -1, context.Caller().Surface == ApiSurface.Admin
            ? $"Not found: {context.Request.Path} is not a route of the Admin Operations API."
            : $"Not found: {context.Request.Path} is not a route of the classic REST API.");
}
