using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Issuance;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>
/// Makes one-time enrollment links and redeems them: the first submit consumes a link and places an order through the
/// emulator's own order table (so it shows in the CA's lists and issues on the CA's clock); the same correlation id gets
/// the same order again.
/// </summary>
internal sealed class EnrollmentLinkService(
    EnrollmentLinkStore links, EmulatorStore store, EmulatorRuntime runtime, CertificateIssuer issuer, TimeProvider time, ILogger<EnrollmentLinkService> logger) : IDisposable
{
    /// <summary>The scheme of the links handed to the local client.</summary>
    public const string Scheme = "mpki-enroll";

    /// <summary>The login recorded on orders placed through links (no admin account places them).</summary>
    public const string OrderLogin = "self-enrollment";

    private readonly SemaphoreSlim _submitGate = new(1, 1);

    /// <summary>Creates a link; returns its text (<c>mpki-enroll:?server=PUBLIC-BASE&amp;token=...</c>) and when it expires.</summary>
    public async Task<(string Link, DateTimeOffset ExpiresAt)> CreateAsync(EnrollmentLinkOffer offer, CancellationToken cancellationToken = default)
    {
        var publicBase = runtime.Options.PublicBaseUrl ?? runtime.BaseAddress?.ToString()
            ?? throw new InvalidOperationException("The emulator has no base address yet.");
        var token = Base64UrlToken();
        var now = time.GetUtcNow();
        var expires = now + runtime.Options.EnrollmentLinkLifetime;
        await links.InsertAsync(new EnrollmentLinkRow
        {
            TokenHash = Hash(token),
            CustomerUri = offer.CustomerUri,
            Kind = offer.Kind,
            Email = offer.Email,
            FirstName = offer.FirstName,
            LastName = offer.LastName,
            DeviceName = offer.DeviceName,
            OrgId = offer.OrgId,
            ProfileId = offer.ProfileId,
            Term = offer.Term,
            KeyType = offer.KeyType,
            CreatedAt = now.ToUnixTimeMilliseconds(),
            ExpiresAt = expires.ToUnixTimeMilliseconds(),
        }, cancellationToken);
        var link = $"{Scheme}:?server={Uri.EscapeDataString(publicBase.TrimEnd('/') + "/")}&token={token}";
        return (link, expires);
    }

    /// <summary>The link of a token, or null when no such link exists.</summary>
    public Task<EnrollmentLinkRow?> FindAsync(string token, CancellationToken cancellationToken = default) =>
        links.FindAsync(Hash(token), cancellationToken);

    public bool IsExpired(EnrollmentLinkRow link) => time.GetUtcNow().ToUnixTimeMilliseconds() >= link.ExpiresAt;

    /// <summary>
    /// Submits the CSR of a link: the first call places the order; a repeat with the same correlation id returns it; another
    /// correlation id, an expired link or a CSR the profile refuses gets an error (status and code).
    /// </summary>
    public async Task<(OrderRow? Order, int Status, string? Code, string? Message)> SubmitAsync(
        EnrollmentLinkRow link, string correlationId, string csr, CancellationToken cancellationToken = default)
    {
        await _submitGate.WaitAsync(cancellationToken);
        try
        {
            var fresh = await links.FindAsync(link.TokenHash, cancellationToken) ?? link;
            if (fresh.CorrelationId is not null)
            {
                return string.Equals(fresh.CorrelationId, correlationId, StringComparison.Ordinal)
                    ? (await store.GetOrderAsync(fresh.CustomerUri, fresh.OrderId!.Value, cancellationToken), 200, null, null)
                    : (null, 409, "link-used", "This enrollment link has already been used. Open the enrollment page again for a new link.");
            }

            if (IsExpired(fresh))
            {
                return (null, 410, "link-expired", "This enrollment link has expired. Open the enrollment page again for a new link.");
            }

            var customer = runtime.FindCustomer(fresh.CustomerUri);
            var profile = customer?.Profiles.FirstOrDefault(p => p.Id == fresh.ProfileId);
            if (customer is null || profile is null)
            {
                return (null, 409, "form-changed", "The certificate profile of this link no longer exists. Ask your administrator.");
            }

            var check = CsrInspector.Check(csr, profile);
            if (!check.Ok)
            {
                return (null, 400, "csr-refused", check.ErrorDescription);
            }

            if (!string.Equals(check.KeyType?.Replace(" ", string.Empty, StringComparison.Ordinal), fresh.KeyType.Replace("P-", "P", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
            {
                return (null, 400, "key-type", $"The CSR's key ({check.KeyType}) is not the key type chosen on the form ({fresh.KeyType}).");
            }

            var order = await PlaceAsync(fresh, check.Pem!, correlationId, cancellationToken);
            await links.ConsumeAsync(fresh.TokenHash, correlationId, order.Id, cancellationToken);
            return (order, 201, null, null);
        }
        finally
        {
            _submitGate.Release();
        }
    }

    /// <summary>The link's order with the CA's clock applied (issued when due), or null when the link has none yet.</summary>
    public async Task<OrderRow?> CollectAsync(EnrollmentLinkRow link, CancellationToken cancellationToken = default)
    {
        var customer = runtime.FindCustomer(link.CustomerUri);
        if (link.OrderId is not { } id || customer is null || await store.GetOrderAsync(link.CustomerUri, id, cancellationToken) is not { } order)
        {
            return null;
        }

        return await issuer.CollectAsync(order, customer, cancellationToken);
    }

    public void Dispose() => _submitGate.Dispose();

    private async Task<OrderRow> PlaceAsync(EnrollmentLinkRow link, string csrPem, string correlationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var smime = link.Kind != "device";
        long? personId = null;
        if (smime)
        {
            var person = await store.FindPersonByEmailAsync(link.CustomerUri, link.Email, cancellationToken);
            personId = person?.Id ?? await store.InsertPersonAsync(new PersonRow
            {
                CustomerUri = link.CustomerUri,
                FirstName = link.FirstName ?? link.Email.Split('@')[0],
                LastName = link.LastName ?? "-",
                Email = link.Email,
                OrganizationId = link.OrgId,
                CreatedAt = now,
                ModifiedAt = now,
            }, cancellationToken);
        }

        var order = new OrderRow
        {
            CustomerUri = link.CustomerUri,
            Login = OrderLogin,
            Kind = smime ? "smime" : "device",
            OrgId = link.OrgId,
            CertType = link.ProfileId,
            Term = link.Term,
            Email = link.Email,
            FirstName = smime ? link.FirstName : null,
            LastName = smime ? link.LastName : null,
            CommonName = smime ? null : link.DeviceName,
            Comments = string.Create(CultureInfo.InvariantCulture, $"self-enrollment by {link.Email}; correlation {correlationId}"),
            Csr = csrPem,
            PersonId = personId,
            State = "requested",
            CreatedAt = now,
            KeyType = link.KeyType,
        };
        order.Id = await store.InsertOrderAsync(order, CancellationToken.None);
        EmulatorLog.OrderCreated(logger, order.Id, order.Email, order.CertType, order.Term, OrderLogin);
        return order;
    }

    private static string Base64UrlToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
