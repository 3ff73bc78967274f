using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector;

/// <summary>
/// Checks a CA's answer before it is trusted: the certificate parses, its public key equals the request's, the
/// requested address (person: SAN rfc822Name; device: SAN dNSName) is in it and no other address or host name is,
/// the extended key usage allows e-mail protection (person) or client authentication (device), it is not a CA, its
/// validity covers now, and it chains through the returned intermediates to a trusted root (the provider account's
/// configured or pinned roots in <see cref="CertificateTrustAnchors"/>, or else the self-signed root the CA returned). Any failure is an <see cref="MpkiException"/> of kind <see cref="MpkiErrorKind.Rejected"/> with the reason.
/// </summary>
public sealed class CertificateValidator
{
    private const string EmailProtectionOid = "1.3.6.1.5.5.7.3.4";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private readonly TimeProvider _time;
    private readonly CertificateTrustAnchors _anchors;

    /// <summary>Creates a validator on a clock, with the provider accounts' trusted roots.</summary>
    public CertificateValidator(TimeProvider time, CertificateTrustAnchors? anchors = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _anchors = anchors ?? new CertificateTrustAnchors();
    }

    /// <summary>The provider accounts' trusted roots this validator checks against.</summary>
    internal CertificateTrustAnchors Anchors => _anchors;

    /// <summary>Validates against the public key of a CSR.</summary>
    /// <param name="issued">What the CA returned.</param>
    /// <param name="csrPem">The CSR that was submitted.</param>
    /// <param name="kind">Person or device.</param>
    /// <param name="subject">The e-mail address or device name requested.</param>
    /// <param name="providerName">The provider account that issued it, whose trusted roots apply.</param>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Rejected"/>, with a precise reason.</exception>
    public ValidatedCertificate Validate(MpkiCollectResult.Issued issued, string csrPem, MpkiCertificateKind kind, string subject, string? providerName = null)
    {
        byte[] spki;
        try
        {
            spki = CsrBuilder.GetSubjectPublicKeyInfo(csrPem);
        }
        catch (MpkiException ex)
        {
            throw new MpkiException(MpkiErrorKind.Rejected, "The submitted CSR cannot be read back to compare public keys.", ex);
        }

        return Validate(issued, spki, kind, subject, providerName);
    }

    /// <summary>Validates against an expected SubjectPublicKeyInfo (DER), for example <see cref="MpkiKey.ExportSubjectPublicKeyInfo"/>.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Rejected"/>, with a precise reason.</exception>
    public ValidatedCertificate Validate(MpkiCollectResult.Issued issued, byte[] expectedSubjectPublicKeyInfo, MpkiCertificateKind kind, string subject, string? providerName = null)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(expectedSubjectPublicKeyInfo);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var expected = kind == MpkiCertificateKind.Device ? DeviceName.Normalize(subject) : EmailAddress.Normalize(subject);

        using var certificate = Load(issued.CertificateDer, "The returned certificate");
        var elements = new List<X509Certificate2>(issued.ChainDer.Count);
        try
        {
            for (var i = 0; i < issued.ChainDer.Count; i++)
            {
                elements.Add(Load(issued.ChainDer[i], $"Element {i + 1} of the returned chain"));
            }

            return Validate(certificate, elements, expectedSubjectPublicKeyInfo, kind, expected, providerName);
        }
        finally
        {
            elements.ForEach(e => e.Dispose());
        }
    }

    private ValidatedCertificate Validate(X509Certificate2 certificate, List<X509Certificate2> chain, byte[] expectedSubjectPublicKeyInfo, MpkiCertificateKind kind, string expected, string? providerName)
    {

        if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(expectedSubjectPublicKeyInfo))
        {
            throw Reject($"The returned certificate (serial {certificate.SerialNumber}) is for another public key than the one in our request.");
        }

        (IReadOnlyList<string> emails, IReadOnlyList<string> dnsNames) names;
        try
        {
            names = SubjectAlternativeNames.Read(certificate);
        }
        catch (AsnContentException ex)
        {
            throw new MpkiException(MpkiErrorKind.Rejected, "The returned certificate's subject alternative name is malformed.", ex);
        }

        var requested = kind == MpkiCertificateKind.Device ? names.dnsNames : names.emails;
        if (!requested.Any(n => string.Equals(n.TrimEnd('.'), expected, StringComparison.OrdinalIgnoreCase)))
        {
            throw kind == MpkiCertificateKind.Device
                ? Reject($"The returned certificate does not name the device '{expected}' in its subject alternative name (found: {List(names.dnsNames)}).")
                : Reject($"The returned certificate does not name '{expected}' in its subject alternative name (found: {List(names.emails)}).");
        }

        var extra = names.emails.Concat(names.dnsNames).Where(n => !string.Equals(n.TrimEnd('.'), expected, StringComparison.OrdinalIgnoreCase)).ToList();
        if (extra.Count > 0)
        {
            throw Reject($"The returned certificate names more than '{expected}' in its subject alternative name (also: {List(extra)}).");
        }

        var usage = kind == MpkiCertificateKind.Device ? ClientAuthOid : EmailProtectionOid;
        var usageName = kind == MpkiCertificateKind.Device ? "client authentication" : "e-mail protection";
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == usage))
        {
            throw Reject($"The returned certificate's extended key usage does not allow {usageName}.");
        }

        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is { CertificateAuthority: true })
        {
            throw Reject("The returned certificate is a CA certificate, not an end-entity certificate.");
        }

        var now = _time.GetUtcNow();
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (now < notBefore)
        {
            throw Reject($"The returned certificate is not valid yet (valid from {Format(notBefore)}, now {Format(now)}).");
        }

        if (now > notAfter)
        {
            throw Reject($"The returned certificate has expired (valid until {Format(notAfter)}, now {Format(now)}).");
        }

        if (ChainCheck.Problem(certificate, chain, _anchors.For(providerName), now, !_anchors.IsConfigured(providerName)) is { } untrusted)
        {
            throw Reject(untrusted);
        }

        return new ValidatedCertificate
        {
            CertificateDer = certificate.RawData,
            ChainDer = chain.Select(e => e.RawData).ToList(),
            SerialNumber = certificate.SerialNumber,
            Issuer = certificate.Issuer,
            Subject = certificate.Subject,
            Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256),
            NotBefore = notBefore,
            NotAfter = notAfter,
        };
    }

    private static X509Certificate2 Load(byte[] der, string what)
    {
        if (der is null || der.Length == 0)
        {
            throw Reject($"{what} is empty.");
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new MpkiException(MpkiErrorKind.Rejected, $"{what} is not a readable X.509 certificate (DER).", ex);
        }
    }

    private static MpkiException Reject(string reason) => new(MpkiErrorKind.Rejected, reason);

    private static string Format(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
