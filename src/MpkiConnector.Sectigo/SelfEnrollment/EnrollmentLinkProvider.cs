using System.Globalization;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo.SelfEnrollment;

/// <summary>
/// An <see cref="IMpkiProvider"/> backed by a one-time enrollment link instead of an operator account: it enrolls exactly
/// what the link's form chose (one subject, one profile, term and key type), with the link's token as the only
/// credential. Submit is idempotent per correlation id (a repeat gets the same order), a lost answer is found again by
/// correlation id, and collect may say pending for a while. Revocation is the operator's: not supported here.
/// </summary>
internal sealed class EnrollmentLinkProvider(string name, EnrollmentLinkClient client) : IMpkiProvider, IDisposable
{
    private EnrollmentLinkDetails? _details;

    public string Name { get; } = name;

    public MpkiCapabilities Capabilities => MpkiCapabilities.FindOrder | MpkiCapabilities.DeviceCertificates;

    public async Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var details = await DetailsAsync(cancellationToken).ConfigureAwait(false);
        var keyTypes = details.KeyAlgorithm == MpkiKeyAlgorithm.EcdsaP256
            ? new Dictionary<string, IReadOnlyList<string>> { ["EC"] = ["P-256"] }
            : new Dictionary<string, IReadOnlyList<string>> { ["RSA"] = ["2048"] };
        var type = new MpkiCertificateType(details.CertificateType, $"Self-enrollment {(details.Kind == MpkiCertificateKind.Device ? "device" : "client")} certificate", [details.TermDays], keyTypes)
        {
            Description = $"What the enrollment link allows: one certificate for {details.Subject}.",
        };
        return new MpkiAccount([], [type], []);
    }

    public async Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var details = await DetailsAsync(cancellationToken).ConfigureAwait(false);
        if (request.Kind != details.Kind || !string.Equals(request.Subject, details.Subject, StringComparison.OrdinalIgnoreCase))
        {
            throw new MpkiException(
                MpkiErrorKind.InvalidRequest,
                $"The enrollment link is for {details.Subject}; it cannot enroll {request.Subject}.");
        }

        var order = await client.SubmitAsync(request.CorrelationId, request.CsrPem, cancellationToken).ConfigureAwait(false);
        return ToOrder(order, request.CorrelationId);
    }

    public async Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await client.FindAsync(request.CorrelationId, cancellationToken).ConfigureAwait(false) is { } order ? ToOrder(order, request.CorrelationId) : null;
    }

    public async Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var answer = await client.CollectAsync(order.OrderId, cancellationToken).ConfigureAwait(false);
        switch (answer.Status)
        {
            case "issued" when answer.Certificate is not null:
                try
                {
                    return new MpkiCollectResult.Issued(Convert.FromBase64String(answer.Certificate), [.. (answer.Chain ?? []).Select(Convert.FromBase64String)]);
                }
                catch (FormatException ex)
                {
                    throw new MpkiException(MpkiErrorKind.Protocol, $"The enrollment server's certificate for order {order.OrderId} is not base64.", ex);
                }

            case "pending":
                return new MpkiCollectResult.Pending(answer.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, "pending at the CA");
            case "rejected":
                return new MpkiCollectResult.Rejected(answer.Reason ?? "The CA declined the request.", null);
            default:
                throw new MpkiException(MpkiErrorKind.Protocol, $"The enrollment server's status '{answer.Status}' for order {order.OrderId} is not pending, issued or rejected.");
        }
    }

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) =>
        throw new MpkiException(
            MpkiErrorKind.Configuration,
            "A certificate enrolled through an enrollment link cannot be revoked with that link: ask the operator to revoke it at the CA ('mpki revoke').");

    public void Dispose() => client.Dispose();

    private async Task<EnrollmentLinkDetails> DetailsAsync(CancellationToken cancellationToken) =>
        _details ??= await client.GetDetailsAsync(cancellationToken).ConfigureAwait(false);

    private static MpkiOrder ToOrder(EnrollmentLinkOrder order, string correlationId) => new(
        order.OrderId.ToString(CultureInfo.InvariantCulture),
        correlationId,
        string.Equals(order.Kind, "device", StringComparison.OrdinalIgnoreCase) ? MpkiCertificateKind.Device : MpkiCertificateKind.Person);
}
