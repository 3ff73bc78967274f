using System.Globalization;
using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Issuance;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>Revoke (by order, serial, e-mail) and renew (by order, serial).</summary>
internal static class SmimeRevokeEndpoints
{
    public static void MapSmimeRevocation(this IEndpointRouteBuilder app)
    {
        // 25.5: revoke on v1, renew on v2; Admin Operations: both on v2.
        foreach (var (version, served) in new[] { ("v1", ServedOn.Classic), ("v2", ServedOn.Admin) })
        {
            var group = app.MapGroup($"/api/smime/{version}");
            group.MapPost("/revoke/order/{id:long}", RevokeOrder).On(served);
            group.MapPost("/revoke/serial/{serial}", RevokeSerial).On(served);
            group.MapPost("/revoke", RevokeEmail).On(served);
        }

        {
            var group = app.MapGroup("/api/smime/v2");
            group.MapPost("/renew/order/{id:long}", async (HttpContext context, long id, EmulatorStore store, EnrollmentService enrollment) =>
            {
                var order = await store.GetOrderAsync(context.Caller().Customer.CustomerUri, id, context.RequestAborted);
                return order is null || order.Kind != "smime" ? ScmResults.NotFoundOrder(id) : await enrollment.RenewAsync(context, order);
            });
            group.MapPost("/renew/serial/{serial}", async (HttpContext context, string serial, EmulatorStore store, EnrollmentService enrollment) =>
            {
                var orders = await store.FindOrdersBySerialAsync(
                    context.Caller().Customer.CustomerUri, CertificateViews.NormalizeSerial(serial) ?? string.Empty, context.RequestAborted);
                return orders.Count == 0
                    ? ScmResults.Error(400, -1108, $"No valid client certificates found for {serial}.")
                    : await enrollment.RenewAsync(context, orders[0]);
            });
        }
    }

    /// <summary>Parses the reason code: a number (classic) or a string (Admin API: a number or a name).</summary>
    public static bool TryReason(RevokeRequest? body, out long? code)
    {
        code = null;
        if (body?.ReasonCode is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return true;
        }

        long value;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value))
        {
            code = value;
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            code = long.TryParse(text, out value) ? value : text switch
            {
                "UNSPECIFIED" => 0,
                "KEYCOMPROMISE" => 1,
                "AFFILIATIONCHANGED" => 3,
                "SUPERSEDED" => 4,
                "CESSATIONOFOPERATION" => 5,
                _ => -1,
            };
        }
        else
        {
            return false;
        }

        return code is 0 or 1 or 3 or 4 or 5;
    }

    private static async Task<IResult> RevokeOrder(HttpContext context, long id, EmulatorStore store, RevocationService revocation)
    {
        var body = await ReadBodyAsync(context);
        if (!TryReason(body, out var code))
        {
            return ScmResults.Invalid("reasonCode");
        }

        var order = await store.GetOrderAsync(context.Caller().Customer.CustomerUri, id, context.RequestAborted);
        return order is null || order.Kind != "smime"
            ? ScmResults.NotFoundOrder(id)
            : await revocation.RevokeAsync(order, code, body?.Reason, context.RequestAborted);
    }

    private static async Task<IResult> RevokeSerial(HttpContext context, string serial, EmulatorStore store, RevocationService revocation)
    {
        var body = await ReadBodyAsync(context);
        if (!TryReason(body, out var code))
        {
            return ScmResults.Invalid("reasonCode");
        }

        var orders = await store.FindOrdersBySerialAsync(
            context.Caller().Customer.CustomerUri, CertificateViews.NormalizeSerial(serial) ?? string.Empty, context.RequestAborted);
        return orders.Count == 0
            ? ScmResults.Error(400, -1108, $"No valid client certificates found for {serial}.")
            : await revocation.RevokeAsync(orders[0], code, body?.Reason, context.RequestAborted);
    }

    private static async Task<IResult> RevokeEmail(HttpContext context, EmulatorStore store, RevocationService revocation)
    {
        var body = await ReadBodyAsync(context);
        if (string.IsNullOrWhiteSpace(body?.Email))
        {
            return ScmResults.Missing("email");
        }

        if (!TryReason(body, out var code))
        {
            return ScmResults.Invalid("reasonCode");
        }

        var customerUri = context.Caller().Customer.CustomerUri;
        if (await store.FindPersonByEmailAsync(customerUri, body.Email, context.RequestAborted) is null)
        {
            return ScmResults.Error(404, -105, "Person not found.");
        }

        var (orders, _) = await store.ListOrdersAsync(
            new OrderQuery(customerUri) { Email = body.Email, State = "issued", Size = 10_000 }, context.RequestAborted);
        if (orders.Count == 0)
        {
            return ScmResults.Error(404, -1108, string.Create(CultureInfo.InvariantCulture, $"No valid client certificates found for {body.Email}."));
        }

        foreach (var order in orders)
        {
            await revocation.RevokeAsync(order, code, body.Reason, context.RequestAborted);
        }

        return Results.NoContent();
    }

    private static async Task<RevokeRequest?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || !(context.Request.HasJsonContentType()))
        {
            return null;
        }

        try
        {
            return await context.Request.ReadFromJsonAsync<RevokeRequest>(context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
