using System.Numerics;
using MpkiConnector.Sectigo.Emulator.Issuance;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>The CA's publication points named in issued certificates: <c>/crl/issuing.crl</c>, <c>/ca/issuing.cer</c>, <c>/ca/root.cer</c>.</summary>
internal static class PublicationEndpoints
{
    public static void MapPublication(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ca/issuing.cer", (CertificateIssuer issuer) => Results.Bytes(issuer.Authority.Issuing.RawData, "application/pkix-cert"));
        app.MapGet("/ca/root.cer", (CertificateIssuer issuer) => Results.Bytes(issuer.Authority.Root.RawData, "application/pkix-cert"));
        app.MapGet("/crl/issuing.crl", async (HttpContext context, CertificateIssuer issuer, EmulatorStore store) =>
        {
            var revoked = await store.ListRevokedAsync(context.RequestAborted);
            var crl = issuer.Authority.BuildCrl(
                revoked.Select(r => (r.Serial, DateTimeOffset.FromUnixTimeMilliseconds(r.RevokedAt))),
                new BigInteger(revoked.Count + 1));
            return Results.Bytes(crl, "application/pkix-crl");
        });
    }
}
