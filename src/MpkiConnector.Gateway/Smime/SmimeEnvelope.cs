using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PrivateKeyNotFoundException = MimeKit.Cryptography.PrivateKeyNotFoundException;
using X509IssuerSerial = System.Security.Cryptography.Xml.X509IssuerSerial;

namespace MpkiConnector.Gateway.Smime;

/// <summary>CMS EnvelopedData (<see cref="EnvelopedCms"/>, AES-256-CBC, RSA key transport): encrypts to certificates, decrypts with the keys the gateway holds.</summary>
internal static class SmimeEnvelope
{
    private const string Aes256CbcOid = "2.16.840.1.101.3.4.1.42";

    /// <summary>The DER of an EnvelopedData of <paramref name="content"/> for every certificate.</summary>
    public static byte[] Encrypt(IReadOnlyList<X509Certificate2> certificates, byte[] content)
    {
        var recipients = new CmsRecipientCollection();
        foreach (var certificate in certificates)
        {
            recipients.Add(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, certificate, RSAEncryptionPadding.Pkcs1));
        }

        var enveloped = new EnvelopedCms(new ContentInfo(content), new AlgorithmIdentifier(new Oid(Aes256CbcOid)));
        enveloped.Encrypt(recipients);
        return enveloped.Encode();
    }

    /// <summary>The content of an EnvelopedData, decrypted with the key of whichever of our certificates it names.</summary>
    public static async Task<byte[]> DecryptAsync(byte[] encrypted, SmimeCertificateLookup lookup, CertificateKeyOpener keys, CancellationToken cancellationToken)
    {
        var enveloped = new EnvelopedCms();
        enveloped.Decode(encrypted);
        foreach (var recipient in enveloped.RecipientInfos)
        {
            if (recipient.RecipientIdentifier.Value is not X509IssuerSerial issuerSerial)
            {
                continue;
            }

            foreach (var candidate in await lookup.FindBySerialAsync(issuerSerial.SerialNumber, cancellationToken).ConfigureAwait(false))
            {
                using var certificate = X509CertificateLoader.LoadCertificate(candidate.Der);
                if (!string.Equals(certificate.IssuerName.Name, issuerSerial.IssuerName, StringComparison.Ordinal)
                    && !string.Equals(certificate.Issuer, issuerSerial.IssuerName, StringComparison.Ordinal))
                {
                    continue;
                }

                using var key = await keys.OpenAsync(candidate.KeyId, cancellationToken).ConfigureAwait(false);
                enveloped.Decrypt(recipient, key.Key);
                return enveloped.ContentInfo.Content;
            }
        }

        throw new PrivateKeyNotFoundException(string.Empty, "None of the message's recipients is a certificate whose key this gateway holds.");
    }
}
