using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.Examples.PluginProvider;

/// <summary>
/// A provider that issues S/MIME certificates from its own in-memory CA (ECDSA P-256), using only .NET's
/// <see cref="CertificateRequest"/>: enough to show the whole plugin contract (discover, submit, find, collect, revoke).
/// </summary>
public sealed class ExampleCaProvider : IMpkiProvider, IDisposable
{
    private const string EmailProtectionOid = "1.3.6.1.5.5.7.3.4";
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private readonly ConcurrentDictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly int _termDays;
    private readonly IReadOnlySet<string>? _domains;
    private readonly TimeProvider _time;
    private readonly X509Certificate2 _root;

    /// <summary>Creates the provider and its CA.</summary>
    /// <param name="name">The account name.</param>
    /// <param name="termDays">The term of every certificate.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="domains">The mail domains the CA issues for; <see langword="null"/>: any.</param>
    public ExampleCaProvider(string name, int termDays, TimeProvider timeProvider, IEnumerable<string>? domains = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Name = name;
        _termDays = termDays;
        _time = timeProvider;
        _domains = domains?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Example Plugin CA ({name})", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = _time.GetUtcNow();
        _root = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MpkiCapabilities Capabilities => MpkiCapabilities.Revoke | MpkiCapabilities.FindOrder;

    /// <summary>The CA's certificate (DER), to trust what it issues.</summary>
    public byte[] RootCertificate => _root.RawData;

    /// <summary>How many orders this provider accepted.</summary>
    public int OrderCount => _orders.Count;

    /// <inheritdoc />
    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var type = new MpkiCertificateType("1", "Example S/MIME", [_termDays], new Dictionary<string, IReadOnlyList<string>>
        {
            ["RSA"] = ["2048", "3072", "4096"],
            ["EC"] = ["P-256", "P-384"],
        });
        return Task.FromResult(new MpkiAccount([new MpkiOrganization("1", "Example", [])], [type], []));
    }

    /// <inheritdoc />
    public Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind != MpkiCertificateKind.Person)
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, "The example CA issues S/MIME certificates for persons only.");
        }

        var domain = request.Subject[(request.Subject.LastIndexOf('@') + 1)..];
        if (_domains is not null && !_domains.Contains(domain))
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"The example CA does not issue for the domain '{domain}'.");
        }

        CertificateRequest csr;
        try
        {
            csr = CertificateRequest.LoadSigningRequestPem(
                request.CsrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException ex)
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, "The CSR is not a valid, self-signed PKCS#10 request.", ex);
        }

        byte[] certificateDer;
        try
        {
            certificateDer = Issue(csr.PublicKey, request);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // The same request fails the same way every time: say so (not transient), so that nobody submits it again.
            throw new MpkiException(MpkiErrorKind.Rejected, $"The example CA cannot issue a certificate for this request: {ex.Message}", ex);
        }

        var order = new Order(Guid.NewGuid().ToString("N"), request.CorrelationId, certificateDer);
        _orders[order.Id] = order;
        return Task.FromResult(new MpkiOrder(order.Id, request.CorrelationId));
    }

    /// <inheritdoc />
    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = _orders.Values.FirstOrDefault(o => o.CorrelationId == request.CorrelationId);
        return Task.FromResult(order is null ? null : new MpkiOrder(order.Id, order.CorrelationId));
    }

    /// <inheritdoc />
    public Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!_orders.TryGetValue(order.OrderId, out var found))
        {
            throw new MpkiException(MpkiErrorKind.NotFound, $"No order {order.OrderId}.");
        }

        MpkiCollectResult result = found.Revoked
            ? new MpkiCollectResult.Rejected("revoked", null)
            : new MpkiCollectResult.Issued(found.CertificateDer, [_root.RawData]);
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var order in _orders.Values)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(order.CertificateDer);
            var matches = request.OrderId == order.Id
                || string.Equals(request.SerialNumber, certificate.SerialNumber, StringComparison.OrdinalIgnoreCase)
                || (request.Email is not null && certificate.Subject.Contains(request.Email, StringComparison.OrdinalIgnoreCase));
            if (matches)
            {
                order.Revoked = true;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _root.Dispose();

    // Signs with the CA's own (ECDSA) key whatever the subject's key is (RSA or EC): the signature generator is chosen
    // by the issuer's key, not by the key being certified.
    private byte[] Issue(PublicKey subjectKey, MpkiEnrollmentRequest request)
    {
        var isRsa = subjectKey.Oid.Value == RsaOid;
        if (!isRsa && subjectKey.Oid.Value != EcOid)
        {
            throw new ArgumentException($"Unsupported key algorithm {subjectKey.Oid.Value}.", nameof(subjectKey));
        }

        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(request.Subject);
        var issue = new CertificateRequest(name.Build(), subjectKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(request.Subject);
        issue.CertificateExtensions.Add(san.Build());
        issue.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        issue.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(EmailProtectionOid)], false));
        issue.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | (isRsa ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.KeyAgreement), true));
        issue.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        var now = _time.GetUtcNow();
        using var caKey = _root.GetECDsaPrivateKey()!;
        var generator = X509SignatureGenerator.CreateForECDsa(caKey);
        using var certificate = issue.Create(_root.SubjectName, generator, now.AddMinutes(-5), now.AddDays(request.TermDays ?? _termDays), serial);
        return certificate.RawData;
    }

    private sealed class Order(string id, string correlationId, byte[] certificateDer)
    {
        public string Id { get; } = id;

        public string CorrelationId { get; } = correlationId;

        public byte[] CertificateDer { get; } = certificateDer;

        public bool Revoked { get; set; }
    }
}
