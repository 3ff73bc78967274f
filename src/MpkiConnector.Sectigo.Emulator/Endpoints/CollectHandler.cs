using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Issuance;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>Collect: pending until the behaviour says issued, then the certificate in the requested format.</summary>
internal sealed class CollectHandler(EmulatorStore store, CertificateIssuer issuer)
{
    public async Task<IResult> CollectAsync(HttpContext context, long id, string? format, string kind, string defaultFormat)
    {
        var caller = context.Caller();
        var cancellationToken = context.RequestAborted;
        var order = await store.GetOrderAsync(caller.Customer.CustomerUri, id, cancellationToken);
        if (order is null || order.Kind != kind)
        {
            return ScmResults.NotFoundOrder(id);
        }

        format = string.IsNullOrWhiteSpace(format) ? defaultFormat : format;
        var ca = issuer.Authority;
        if (CollectFormatter.Encode(format, ca.Issuing.RawData, ca.Issuing.RawData, ca.Root.RawData) is null)
        {
            return ScmResults.Error(400, -1450, $"Unsupported certificate format specified: {format}");
        }

        order = await issuer.CollectAsync(order, caller.Customer, cancellationToken);
        switch (order.State)
        {
            case "revoked":
                return ScmResults.Error(400, caller.Behavior.EffectiveRevokedCode, caller.Behavior.EffectiveRevokedDescription);
            case "rejected":
                return ScmResults.Error(400, -183, "Certificate is not collectable.");
            case "requested" or "approved":
                return ScmResults.Error(caller.Behavior.EffectivePendingStatus, caller.Behavior.EffectivePendingCode, caller.Behavior.EffectivePendingDescription);
        }

        var (body, extension) = CollectFormatter.Encode(format, order.CertDer!, ca.Issuing.RawData, ca.Root.RawData)!.Value;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}.{extension}\"";
        return Results.Bytes(body, "application/octet-stream");
    }
}
