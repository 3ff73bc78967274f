using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MpkiConnector.LocalCa;

namespace MpkiConnector.Cli.Demo;

/// <summary>
/// Writes inbound S/MIME-signed mail from a partner domain into the spool, signed with certificates of a throwaway
/// partner CA made at run time (committed certificates would expire). The gateway harvests these certificates, so
/// that later outbound mail to the partners can be encrypted.
/// </summary>
internal static class PartnerMailGenerator
{
    /// <summary>The partner addresses; examples/mail holds outbound mail to them.</summary>
    public static readonly IReadOnlyList<(string Name, string Address)> Partners =
    [
        ("Alice Partner", "alice.partner@partner.example"),
        ("Carol Partner", "carol.partner@partner.example"),
        ("Dave Partner", "dave.partner@partner.example"),
    ];

    /// <summary>Writes one signed message per partner to <paramref name="spool"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string spool, IReadOnlyList<string> managedRecipients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(managedRecipients);
        Directory.CreateDirectory(spool);
        using var ca = LocalCertificateAuthority.Create("Partner Example", time);
        var files = new List<string>();
        for (var i = 0; i < Partners.Count; i++)
        {
            var (name, address) = Partners[i];
            using var key = RSA.Create(2048);
            var csr = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
            using var issued = ca.Issue(new LocalIssueRequest(csr, name, 365) { Email = address, Organization = "Partner Example" });
            using var certificate = issued.CopyWithPrivateKey(key);
            var to = managedRecipients[i % managedRecipients.Count];
            var text = SignedMessage(name, address, to, i, certificate, ca.Issuing, time.GetUtcNow());
            var path = Path.Combine(spool, $"0000-inbound-signed-{i + 1}.eml");
            File.WriteAllText(path, text, new UTF8Encoding(false));
            files.Add(path);
        }

        return files;
    }

    private static string SignedMessage(string name, string from, string to, int index, X509Certificate2 signer, X509Certificate2 issuing, DateTimeOffset now)
    {
        const string Crlf = "\r\n";
        var content = string.Join(
            Crlf,
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
            string.Empty,
            $"Hello,",
            string.Empty,
            $"this message is signed with my S/MIME certificate, so that you can send me encrypted mail from now on.",
            string.Empty,
            $"Best regards,",
            name);
        var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes(content)), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cmsSigner.Certificates.Add(issuing);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(now.UtcDateTime));
        cms.ComputeSignature(cmsSigner);
        var signature = Convert.ToBase64String(cms.Encode(), Base64FormattingOptions.InsertLineBreaks).Replace("\n", Crlf, StringComparison.Ordinal).Replace("\r\r", "\r", StringComparison.Ordinal);
        var boundary = $"----=_partner_{index + 1}";
        var date = now.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        return string.Join(
            Crlf,
            $"From: {name} <{from}>",
            $"To: {to}",
            "Subject: Signed hello from partner.example",
            $"Date: {date}",
            $"Message-ID: <partner-{index + 1}@partner.example>",
            "MIME-Version: 1.0",
            $"Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"{boundary}\"",
            string.Empty,
            "This is a cryptographically signed message in MIME format.",
            string.Empty,
            $"--{boundary}",
            content,
            $"--{boundary}",
            "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment; filename=\"smime.p7s\"",
            string.Empty,
            signature,
            $"--{boundary}--",
            string.Empty);
    }
}
