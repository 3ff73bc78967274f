using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.LocalCa;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>Decides whether a collected order is due and issues its certificate from the stored CSR.</summary>
internal sealed class CertificateIssuer(
    LocalCertificateAuthority ca, EmulatorStore store, EmulatorRuntime runtime, TimeProvider time, ILogger<CertificateIssuer> logger)
{
    public LocalCertificateAuthority Authority => ca;

    /// <summary>
    /// Settles an unsettled order when it is due (counting the collects before this one), then counts this collect.
    /// Returns the fresh row.
    /// </summary>
    public async Task<OrderRow> CollectAsync(OrderRow order, EmulatorCustomer customer, CancellationToken cancellationToken = default)
    {
        if (order.IsUnsettled)
        {
            await SettleIfDueAsync(order, customer, cancellationToken);
        }

        await store.IncrementCollectAsync(order.Id, cancellationToken);
        return await store.GetOrderAsync(order.CustomerUri, order.Id, cancellationToken) ?? order;
    }

    /// <summary>
    /// The CA's own clock: every unsettled order of the customer whose time has come is issued (or declined), so list,
    /// details and collect all see the same state without anyone having to collect first.
    /// </summary>
    public async Task AdvanceAsync(EmulatorCustomer customer, CancellationToken cancellationToken = default)
    {
        foreach (var order in await store.ListUnsettledOrdersAsync(customer.CustomerUri, cancellationToken))
        {
            await SettleIfDueAsync(order, customer, cancellationToken);
        }
    }

    private async Task SettleIfDueAsync(OrderRow order, EmulatorCustomer customer, CancellationToken cancellationToken)
    {
        var behavior = runtime.BehaviorFor(customer.CustomerUri, order.Login);
        var elapsed = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(order.CreatedAt);
        var awaitingApproval = order.Kind == "device" && behavior.DeviceApprovalRequired && order.State != "approved";
        if (awaitingApproval || order.CollectCount < behavior.IssueAfterCollects || elapsed.TotalSeconds < behavior.IssueAfterSeconds)
        {
            return;
        }

        if (behavior.DeclineOrders)
        {
            await store.MarkSettledAsync(order.Id, "rejected", cancellationToken);
            EmulatorLog.OrderDeclined(logger, order.Id);
            return;
        }

        await IssueAsync(order, customer, behavior.WrongCertificate, cancellationToken);
    }

    private async Task IssueAsync(OrderRow order, EmulatorCustomer customer, WrongCertificateMode wrong, CancellationToken cancellationToken)
    {
        var organization = customer.FindOrganization((int)order.OrgId);
        string commonName;
        string? email = order.Email;
        string? deviceName = null;
        if (order.Kind == "device")
        {
            var csr = CertificateRequest.LoadSigningRequestPem(
                order.Csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation, RSASignaturePadding.Pkcs1);
            commonName = order.CommonName ?? csr.SubjectName.Name.Split(',')
                .Select(p => p.Trim())
                .FirstOrDefault(p => p.StartsWith("CN=", StringComparison.OrdinalIgnoreCase))?[3..] ?? "device";
            deviceName = commonName.Contains('.', StringComparison.Ordinal) ? commonName : null;
            email = null;
        }
        else
        {
            commonName = order.CommonName
                ?? string.Join(' ', new[] { order.FirstName, order.MiddleName, order.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (string.IsNullOrWhiteSpace(commonName))
            {
                commonName = order.Email ?? "unknown";
            }
        }

        if (wrong == WrongCertificateMode.OtherAddress && email is not null)
        {
            email = "someone-else." + email;
        }

        using var otherKey = wrong == WrongCertificateMode.OtherKey ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var request = new LocalIssueRequest(order.Csr, commonName, (int)order.Term)
        {
            Email = email,
            DeviceName = deviceName,
            Organization = organization?.Name,
            PublicKeyOverride = otherKey is null ? null : new PublicKey(otherKey),
            OmitEmailProtection = wrong == WrongCertificateMode.NoEmailProtection,
            PublicationBase = runtime.BaseAddress,
        };
        using var certificate = ca.Issue(request);
        var changed = await store.MarkIssuedAsync(
            order.Id,
            certificate.SerialNumber,
            certificate.RawData,
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeMilliseconds(),
            certificate.Subject,
            cancellationToken);
        if (changed > 0)
        {
            EmulatorLog.OrderIssued(logger, order.Id, certificate.SerialNumber);
        }
    }
}
