using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.LocalCa;

/// <summary>
/// A small two-level CA (root and issuing CA, ECDSA P-384) that issues S/MIME, client and device certificates
/// from CSRs. It backs the SCM emulator and the fake provider; it is not meant for production trust.
/// </summary>
public sealed class LocalCertificateAuthority : IDisposable
{
    private const string EmailProtectionOid = "1.3.6.1.5.5.7.3.4";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private readonly TimeProvider _time;

    private LocalCertificateAuthority(X509Certificate2 root, X509Certificate2 issuing, TimeProvider time)
    {
        Root = root;
        Issuing = issuing;
        _time = time;
    }

    /// <summary>The self-signed root, with its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The issuing CA, with its private key.</summary>
    public X509Certificate2 Issuing { get; }

    /// <summary>Creates a new CA in memory.</summary>
    public static LocalCertificateAuthority Create(string name, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        time ??= TimeProvider.System;
        var now = time.GetUtcNow();

        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var rootRequest = new CertificateRequest($"CN={name} Root CA, O=MpkiConnector Local CA", rootKey, HashAlgorithmName.SHA384);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));

        using var issuingKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var issuingRequest = new CertificateRequest($"CN={name} Issuing CA, O=MpkiConnector Local CA", issuingKey, HashAlgorithmName.SHA384);
        issuingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        issuingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        issuingRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(issuingRequest.PublicKey, false));
        issuingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var issuingPublic = issuingRequest.Create(root, now.AddDays(-1), now.AddYears(10), NewSerial());
        var issuing = issuingPublic.CopyWithPrivateKey(issuingKey);

        return new LocalCertificateAuthority(root, issuing, time);
    }

    /// <summary>
    /// Loads the CA from <paramref name="directory"/> (<c>ca-root.pem</c>, <c>ca-issuing.pem</c> with their keys),
    /// or creates it there. Key files are written with mode 0600 on Unix.
    /// </summary>
    public static LocalCertificateAuthority LoadOrCreate(string directory, string name, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var rootPath = Path.Combine(directory, "ca-root.pem");
        var issuingPath = Path.Combine(directory, "ca-issuing.pem");
        if (File.Exists(rootPath) && File.Exists(issuingPath))
        {
            return new LocalCertificateAuthority(
                X509Certificate2.CreateFromPemFile(rootPath, Path.Combine(directory, "ca-root.key")),
                X509Certificate2.CreateFromPemFile(issuingPath, Path.Combine(directory, "ca-issuing.key")),
                time ?? TimeProvider.System);
        }

        var ca = Create(name, time);
        WritePrivate(Path.Combine(directory, "ca-root.key"), ca.Root.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        WritePrivate(Path.Combine(directory, "ca-issuing.key"), ca.Issuing.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(rootPath, ca.Root.ExportCertificatePem());
        File.WriteAllText(issuingPath, ca.Issuing.ExportCertificatePem());
        return ca;
    }

    /// <summary>The issuing chain for an issued certificate: issuing CA, then root.</summary>
    public IReadOnlyList<byte[]> ChainDer => [Issuing.RawData, Root.RawData];

    /// <summary>Issues a certificate from a CSR after checking the CSR's signature.</summary>
    /// <exception cref="CryptographicException">The CSR is malformed or its signature does not verify.</exception>
    public X509Certificate2 Issue(LocalIssueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var csr = CertificateRequest.LoadSigningRequestPem(
            request.CsrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        var publicKey = request.PublicKeyOverride ?? csr.PublicKey;

        var subject = new X500DistinguishedNameBuilder();
        if (request.Email is not null)
        {
            subject.AddEmailAddress(request.Email);
        }

        if (request.Organization is not null)
        {
            subject.AddOrganizationName(request.Organization);
        }

        subject.AddCommonName(request.CommonName);

        var issued = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256);
        issued.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var usage = publicKey.Oid.Value == "1.2.840.113549.1.1.1"
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement;
        issued.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        var eku = new OidCollection { new Oid(ClientAuthOid) };
        if (!request.OmitEmailProtection && request.Email is not null)
        {
            eku.Add(new Oid(EmailProtectionOid));
        }

        issued.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(eku, false));
        var san = new SubjectAlternativeNameBuilder();
        if (request.Email is not null)
        {
            san.AddEmailAddress(request.Email);
        }

        if (request.DeviceName is not null)
        {
            san.AddDnsName(request.DeviceName);
        }

        issued.CertificateExtensions.Add(san.Build());
        issued.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        issued.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Issuing, true, false));
        if (request.PublicationBase is not null)
        {
            issued.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(
                [new Uri(request.PublicationBase, "crl/issuing.crl").AbsoluteUri]));
            issued.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(
                null, [new Uri(request.PublicationBase, "ca/issuing.cer").AbsoluteUri]));
        }

        var notBefore = request.NotBefore ?? _time.GetUtcNow().AddMinutes(-5);
        var notAfter = notBefore.AddMinutes(5).AddDays(request.TermDays);
        if (notAfter > Issuing.NotAfter)
        {
            notAfter = Issuing.NotAfter;
        }

        using var issuerKey = Issuing.GetECDsaPrivateKey()!;
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        return issued.Create(Issuing.SubjectName, generator, notBefore, notAfter, NewSerial());
    }

    /// <summary>Builds a CRL of the issuing CA listing the given revoked serial numbers (hex).</summary>
    public byte[] BuildCrl(IEnumerable<(string SerialHex, DateTimeOffset RevokedAt)> revoked, BigInteger crlNumber)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var builder = new CertificateRevocationListBuilder();
        foreach (var (serial, at) in revoked)
        {
            builder.AddEntry(Convert.FromHexString(serial), at);
        }

        var now = _time.GetUtcNow();
        return builder.Build(Issuing, crlNumber, now.AddDays(7), HashAlgorithmName.SHA256, thisUpdate: now);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Root.Dispose();
        Issuing.Dispose();
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }

    private static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
