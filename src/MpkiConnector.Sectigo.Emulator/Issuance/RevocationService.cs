using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>Revokes one order: only issued certificates (-102), not twice (-159).</summary>
internal sealed class RevocationService(EmulatorStore store, TimeProvider time, ILogger<RevocationService> logger)
{
    public async Task<IResult> RevokeAsync(OrderRow order, long? reasonCode, string? reason, CancellationToken cancellationToken = default)
    {
        if (order.State == "revoked")
        {
            return ScmResults.Error(400, -159, "Your certificate already revoked");
        }

        if (order.State != "issued")
        {
            return ScmResults.Error(400, -102, "Only issued certificates could be revoked.");
        }

        if (reason is { Length: > 512 })
        {
            return ScmResults.Invalid("reason");
        }

        await store.MarkRevokedAsync(order.Id, time.GetUtcNow().ToUnixTimeMilliseconds(), reasonCode ?? 0, reason, cancellationToken);
        EmulatorLog.OrderRevoked(logger, order.Id, reasonCode);
        return Results.NoContent();
    }
}
