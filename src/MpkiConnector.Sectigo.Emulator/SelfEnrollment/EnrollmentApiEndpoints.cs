using MpkiConnector.Sectigo.Emulator.Issuance;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>
/// The link redemption API under <c>/enroll/api/v1</c>: the emulator's stand-in for the CA's desktop-client protocol, which
/// Sectigo does not publish. The link's token is the only credential (<c>Authorization: Bearer TOKEN</c>): no operator login.
/// <c>GET /link</c> (what the link enrolls), <c>POST /orders</c> (<c>{correlationId, csr}</c>; the first submit consumes the
/// link, the same correlation id gets the same order), <c>GET /orders?correlationId=</c> (find a lost answer) and
/// <c>GET /orders/{id}</c> (collect: pending, issued with the chain, or rejected with the reason).
/// </summary>
internal static class EnrollmentApiEndpoints
{
    public static void MapEnrollmentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/enroll/api/v1");
        group.MapGet("/link", async (HttpContext context, EnrollmentLinkService service) =>
            await LinkAsync(context, service) is not { } link ? Unknown()
            : Results.Json(new EnrollmentLinkInfoDto(
                link.Kind == "device" ? "device" : "client",
                link.Subject,
                link.Email,
                link.ProfileId,
                link.Term,
                link.KeyType,
                DateTimeOffset.FromUnixTimeMilliseconds(link.ExpiresAt),
                link.CorrelationId is not null ? "used" : service.IsExpired(link) ? "expired" : "open")));

        group.MapPost("/orders", async (HttpContext context, EnrollmentSubmitDto body, EnrollmentLinkService service) =>
        {
            if (await LinkAsync(context, service) is not { } link)
            {
                return Unknown();
            }

            if (string.IsNullOrWhiteSpace(body.CorrelationId) || string.IsNullOrWhiteSpace(body.Csr))
            {
                return Error(400, "missing-field", "Both correlationId and csr are required.");
            }

            var (order, status, code, message) = await service.SubmitAsync(link, body.CorrelationId, body.Csr, context.RequestAborted);
            return order is null ? Error(status, code!, message!) : Results.Json(Order(order, body.CorrelationId), statusCode: status);
        });

        group.MapGet("/orders", async (HttpContext context, string? correlationId, EnrollmentLinkService service) =>
            await LinkAsync(context, service) is not { } link ? Unknown()
            : link.CorrelationId is null || !string.Equals(link.CorrelationId, correlationId, StringComparison.Ordinal)
                ? Error(404, "no-order", "No order was placed with this link and correlation id.")
                : Results.Json(Order((await service.CollectAsync(link, context.RequestAborted))!, link.CorrelationId)));

        group.MapGet("/orders/{id:long}", async (HttpContext context, long id, EnrollmentLinkService service, CertificateIssuer issuer) =>
        {
            if (await LinkAsync(context, service) is not { } link)
            {
                return Unknown();
            }

            var order = link.OrderId == id ? await service.CollectAsync(link, context.RequestAborted) : null;
            return order is null
                ? Error(404, "no-order", $"Order {id} was not placed with this link.")
                : Results.Json(Collected(order, link.CorrelationId!, issuer));
        });
    }

    private static async Task<EnrollmentLinkRow?> LinkAsync(HttpContext context, EnrollmentLinkService service)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && header.Length > bearer.Length
            ? await service.FindAsync(header[bearer.Length..].Trim(), context.RequestAborted)
            : null;
    }

    private static EnrollmentOrderDto Order(OrderRow order, string correlationId) =>
        new(order.Id, correlationId, order.Kind == "device" ? "device" : "client", Status(order), null, null, null, null);

    private static EnrollmentOrderDto Collected(OrderRow order, string correlationId, CertificateIssuer issuer)
    {
        var status = Status(order);
        return status switch
        {
            "issued" => Order(order, correlationId) with
            {
                Certificate = Convert.ToBase64String(order.CertDer!),
                Chain = [Convert.ToBase64String(issuer.Authority.Issuing.RawData), Convert.ToBase64String(issuer.Authority.Root.RawData)],
            },
            "pending" => Order(order, correlationId) with { RetryAfterSeconds = 2 },
            _ => Order(order, correlationId) with
            {
                Reason = order.State == "revoked" ? "The certificate was revoked before it was collected." : "The CA declined the request.",
            },
        };
    }

    private static string Status(OrderRow order) => order.IsUnsettled ? "pending" : order.State is "issued" or "expired" ? "issued" : "rejected";

    private static IResult Unknown() =>
        Error(401, "unknown-link", "This enrollment link is not known. Open the enrollment page again for a new link.");

    private static IResult Error(int status, string code, string message) => Results.Json(new EnrollmentErrorDto(code, message), statusCode: status);
}
