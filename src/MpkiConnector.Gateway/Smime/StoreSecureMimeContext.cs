using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Storage;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;
using BcX509Crl = Org.BouncyCastle.X509.X509Crl;
using MimeCmsRecipientCollection = MimeKit.Cryptography.CmsRecipientCollection;
using MimeCmsSigner = MimeKit.Cryptography.CmsSigner;
using PkcsCmsRecipient = System.Security.Cryptography.Pkcs.CmsRecipient;
using PkcsSubjectIdentifierType = System.Security.Cryptography.Pkcs.SubjectIdentifierType;
using X509IssuerSerial = System.Security.Cryptography.Xml.X509IssuerSerial;

namespace MpkiConnector.Gateway.Smime;

/// <summary>
/// MimeKit's S/MIME context over the MpkiConnector store: signing keys come from <see cref="IKeyProvider"/> (software or
/// TPM), certificates from <see cref="ICertificateStore"/>, and the CMS work (sign, verify, encrypt, decrypt) is done by
/// .NET's <c>System.Security.Cryptography.Pkcs</c> (<see cref="SignedCms"/>, <see cref="EnvelopedCms"/>). Pass it to
/// <c>MultipartSigned.CreateAsync</c>,
/// <see cref="ApplicationPkcs7Mime.EncryptAsync(SecureMimeContext, IEnumerable{MailboxAddress}, MimeEntity, CancellationToken)"/>,
/// <see cref="MultipartSigned.VerifyAsync(CryptographyContext, CancellationToken)"/> and
/// <see cref="ApplicationPkcs7Mime.DecryptAsync(SecureMimeContext, CancellationToken)"/>.
/// Operations that need the store are asynchronous only: their synchronous forms throw <see cref="NotSupportedException"/>.
/// </summary>
public sealed class StoreSecureMimeContext : SecureMimeContext
{
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string Aes256CbcOid = "2.16.840.1.101.3.4.1.42";
    private const int SigningCacheCapacity = 1024;
    private const string AsyncOnly = "This S/MIME context reads the store asynchronously: use the Async form of this operation.";
    private readonly ICertificateStore _store;
    private readonly CertificateKeyOpener _keys;
    private readonly TimeProvider _time;
    private readonly SigningCredentialCache _signing = new(SigningCacheCapacity);

    /// <summary>Creates the context.</summary>
    public StoreSecureMimeContext(ICertificateStore store, IKeyStore keyStore, IEnumerable<IKeyProvider> keyProviders, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keyStore);
        ArgumentNullException.ThrowIfNull(keyProviders);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _keys = new CertificateKeyOpener(keyStore, keyProviders);
        _time = timeProvider;
    }

    /// <summary>Roots a signer's chain must lead to for <see cref="IDigitalSignature.Verify()"/> (not for signature-only checks); empty means the system's trust.</summary>
    public X509Certificate2Collection TrustedRoots { get; } = [];

    /// <summary>The usable signing certificate of an address (active, valid now), or <see langword="null"/>.</summary>
    public async Task<CertificateRecord?> FindSigningCertificateAsync(string address, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryParse(address, out var parsed, out _))
        {
            return null;
        }

        var normalized = parsed.Value;

        var record = await _store.GetActiveCertificateAsync(normalized, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        return record is not null && record.IsUsableAt(now) ? record : null;
    }

    /// <summary>The certificate to encrypt to an address: a harvested recipient certificate or our own, valid now and RSA; or <see langword="null"/>.</summary>
    public async Task<X509Certificate2?> FindEncryptionCertificateAsync(string address, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryParse(address, out var parsed, out _))
        {
            return null;
        }

        var normalized = parsed.Value;

        var now = _time.GetUtcNow();
        foreach (var recipient in await _store.GetRecipientCertificatesAsync(normalized, cancellationToken).ConfigureAwait(false))
        {
            var certificate = X509CertificateLoader.LoadCertificate(recipient.Der);
            if (IsUsableForEncryption(certificate, now))
            {
                return certificate;
            }

            certificate.Dispose();
        }

        if (await FindSigningCertificateAsync(normalized, cancellationToken).ConfigureAwait(false) is { } own)
        {
            var certificate = X509CertificateLoader.LoadCertificate(own.Der);
            if (IsUsableForEncryption(certificate, now))
            {
                return certificate;
            }

            certificate.Dispose();
        }

        return null;
    }

    /// <inheritdoc />
    public override bool CanSign(MailboxAddress signer, CancellationToken cancellationToken = default) => throw new NotSupportedException(AsyncOnly);

    /// <inheritdoc />
    public override async Task<bool> CanSignAsync(MailboxAddress signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return await FindSigningCertificateAsync(signer.Address, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    public override bool CanEncrypt(MailboxAddress mailbox, CancellationToken cancellationToken = default) => throw new NotSupportedException(AsyncOnly);

    /// <inheritdoc />
    public override async Task<bool> CanEncryptAsync(MailboxAddress mailbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        using var certificate = await FindEncryptionCertificateAsync(mailbox.Address, cancellationToken).ConfigureAwait(false);
        return certificate is not null;
    }

    /// <inheritdoc />
    public override MimePart Sign(MailboxAddress signer, DigestAlgorithm digestAlgo, Stream content, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(AsyncOnly);

    /// <inheritdoc />
    public override async Task<MimePart> SignAsync(MailboxAddress signer, DigestAlgorithm digestAlgo, Stream content, CancellationToken cancellationToken = default)
    {
        var der = await SignCoreAsync(signer, digestAlgo, content, detached: true, cancellationToken).ConfigureAwait(false);
        return new ApplicationPkcs7Signature(new MemoryStream(der, writable: false));
    }

    /// <inheritdoc />
    public override ApplicationPkcs7Mime EncapsulatedSign(MailboxAddress signer, DigestAlgorithm digestAlgo, Stream content, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(AsyncOnly);

    /// <inheritdoc />
    public override async Task<ApplicationPkcs7Mime> EncapsulatedSignAsync(MailboxAddress signer, DigestAlgorithm digestAlgo, Stream content, CancellationToken cancellationToken = default)
    {
        var der = await SignCoreAsync(signer, digestAlgo, content, detached: false, cancellationToken).ConfigureAwait(false);
        return new ApplicationPkcs7Mime(SecureMimeType.SignedData, new MemoryStream(der, writable: false));
    }

    /// <inheritdoc />
    public override ApplicationPkcs7Signature Sign(MimeCmsSigner signer, Stream content, CancellationToken cancellationToken = default) => throw NoBouncyCastleSigner();

    /// <inheritdoc />
    public override Task<ApplicationPkcs7Signature> SignAsync(MimeCmsSigner signer, Stream content, CancellationToken cancellationToken = default) => throw NoBouncyCastleSigner();

    /// <inheritdoc />
    public override ApplicationPkcs7Mime EncapsulatedSign(MimeCmsSigner signer, Stream content, CancellationToken cancellationToken = default) => throw NoBouncyCastleSigner();

    /// <inheritdoc />
    public override Task<ApplicationPkcs7Mime> EncapsulatedSignAsync(MimeCmsSigner signer, Stream content, CancellationToken cancellationToken = default) => throw NoBouncyCastleSigner();

    /// <inheritdoc />
    public override DigitalSignatureCollection Verify(Stream content, Stream signatureData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(signatureData);
        var cms = new SignedCms(new ContentInfo(ReadAll(content)), detached: true);
        cms.Decode(ReadAll(signatureData));
        return Signatures(cms);
    }

    /// <inheritdoc />
    public override Task<DigitalSignatureCollection> VerifyAsync(Stream content, Stream signatureData, CancellationToken cancellationToken = default) =>
        Task.FromResult(Verify(content, signatureData, cancellationToken));

    /// <inheritdoc />
    public override DigitalSignatureCollection Verify(Stream signedData, out MimeEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedData);
        var cms = new SignedCms();
        cms.Decode(ReadAll(signedData));
        entity = MimeEntity.Load(new MemoryStream(cms.ContentInfo.Content, writable: false), cancellationToken);
        return Signatures(cms);
    }

    /// <inheritdoc />
    public override Stream Verify(Stream signedData, out DigitalSignatureCollection signatures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedData);
        var cms = new SignedCms();
        cms.Decode(ReadAll(signedData));
        signatures = Signatures(cms);
        return new MemoryStream(cms.ContentInfo.Content, writable: false);
    }

    /// <inheritdoc />
    public override MimePart Encrypt(IEnumerable<MailboxAddress> recipients, Stream content, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(AsyncOnly);

    /// <inheritdoc />
    public override async Task<MimePart> EncryptAsync(IEnumerable<MailboxAddress> recipients, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(content);
        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var mailbox in recipients)
            {
                var certificate = await FindEncryptionCertificateAsync(mailbox.Address, cancellationToken).ConfigureAwait(false)
                    ?? throw new CertificateNotFoundException(mailbox, "No valid RSA certificate is known for this recipient.");
                certificates.Add(certificate);
            }

            return EncryptTo(certificates, ReadAll(content));
        }
        finally
        {
            certificates.ForEach(c => c.Dispose());
        }
    }

    /// <inheritdoc />
    public override ApplicationPkcs7Mime Encrypt(MimeCmsRecipientCollection recipients, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(content);
        var certificates = recipients.Select(r => X509CertificateLoader.LoadCertificate(r.Certificate.GetEncoded())).ToList();
        try
        {
            return EncryptTo(certificates, ReadAll(content));
        }
        finally
        {
            certificates.ForEach(c => c.Dispose());
        }
    }

    /// <inheritdoc />
    public override Task<ApplicationPkcs7Mime> EncryptAsync(MimeCmsRecipientCollection recipients, Stream content, CancellationToken cancellationToken = default) =>
        Task.FromResult(Encrypt(recipients, content, cancellationToken));

    /// <inheritdoc />
    public override MimeEntity Decrypt(Stream encryptedData, CancellationToken cancellationToken = default) => throw new NotSupportedException(AsyncOnly);

    /// <inheritdoc />
    public override async Task<MimeEntity> DecryptAsync(Stream encryptedData, CancellationToken cancellationToken = default)
    {
        var content = await DecryptCoreAsync(encryptedData, cancellationToken).ConfigureAwait(false);
        return await MimeEntity.LoadAsync(new MemoryStream(content, writable: false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void DecryptTo(Stream encryptedData, Stream decryptedData, CancellationToken cancellationToken = default) => throw new NotSupportedException(AsyncOnly);

    /// <inheritdoc />
    public override async Task DecryptToAsync(Stream encryptedData, Stream decryptedData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decryptedData);
        var content = await DecryptCoreAsync(encryptedData, cancellationToken).ConfigureAwait(false);
        await decryptedData.WriteAsync(content, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Import(Stream stream, string password, CancellationToken cancellationToken = default) => throw NoImport();

    /// <inheritdoc />
    public override Task ImportAsync(Stream stream, string password, CancellationToken cancellationToken = default) => throw NoImport();

    /// <inheritdoc />
    public override void Import(BcX509Certificate certificate, CancellationToken cancellationToken = default) => throw NoImport();

    /// <inheritdoc />
    public override void Import(BcX509Crl crl, CancellationToken cancellationToken = default) => throw NoImport();

    /// <inheritdoc />
    public override MimePart Export(IEnumerable<MailboxAddress> mailboxes, CancellationToken cancellationToken = default) => throw new NotSupportedException(AsyncOnly);

    /// <inheritdoc />
    public override async Task<MimePart> ExportAsync(IEnumerable<MailboxAddress> mailboxes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailboxes);
        var collection = new X509Certificate2Collection();
        try
        {
            foreach (var mailbox in mailboxes)
            {
                var certificate = await FindEncryptionCertificateAsync(mailbox.Address, cancellationToken).ConfigureAwait(false)
                    ?? throw new CertificateNotFoundException(mailbox, "No certificate is known for this address.");
                collection.Add(certificate);
            }

            var der = collection.Export(X509ContentType.Pkcs7)!;
            return new ApplicationPkcs7Mime(SecureMimeType.CertsOnly, new MemoryStream(der, writable: false));
        }
        finally
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }

    private static bool IsUsableForEncryption(X509Certificate2 certificate, DateTimeOffset now) =>
        certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime < certificate.NotAfter.ToUniversalTime()
        && CertificateAddresses.HasRsaKey(certificate) && CertificateAddresses.AllowsEmailProtection(certificate);

    private static ApplicationPkcs7Mime EncryptTo(IReadOnlyList<X509Certificate2> certificates, byte[] content)
    {
        var recipients = new System.Security.Cryptography.Pkcs.CmsRecipientCollection();
        foreach (var certificate in certificates)
        {
            recipients.Add(new PkcsCmsRecipient(PkcsSubjectIdentifierType.IssuerAndSerialNumber, certificate, RSAEncryptionPadding.Pkcs1));
        }

        var enveloped = new EnvelopedCms(new ContentInfo(content), new AlgorithmIdentifier(new Oid(Aes256CbcOid)));
        enveloped.Encrypt(recipients);
        return new ApplicationPkcs7Mime(SecureMimeType.EnvelopedData, new MemoryStream(enveloped.Encode(), writable: false));
    }

    private static byte[] ReadAll(Stream stream)
    {
        if (stream is MemoryStream memory && memory.Position == 0)
        {
            return memory.ToArray();
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static NotSupportedException NoBouncyCastleSigner() =>
        new("Signing with a MimeKit CmsSigner is not supported: sign by mailbox address; keys stay in their IKeyProvider.");

    private static NotSupportedException NoImport() =>
        new("Certificates and keys enter through the MpkiConnector store (issuance, harvesting), not through the S/MIME context.");

    private DigitalSignatureCollection Signatures(SignedCms cms)
    {
        var now = _time.GetUtcNow();
        var signatures = cms.SignerInfos.Cast<SignerInfo>()
            .Select(s => (IDigitalSignature)new CmsDigitalSignature(s, cms.Certificates, TrustedRoots, now))
            .ToList();
        return new DigitalSignatureCollection(signatures);
    }

    private async Task<byte[]> SignCoreAsync(MailboxAddress signer, DigestAlgorithm digestAlgo, Stream content, bool detached, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(content);
        if (digestAlgo is not (DigestAlgorithm.Sha256 or DigestAlgorithm.None))
        {
            throw new NotSupportedException($"Only SHA-256 signatures are made (asked for {digestAlgo}).");
        }

        var record = await FindSigningCertificateAsync(signer.Address, cancellationToken).ConfigureAwait(false)
            ?? throw new CertificateNotFoundException(signer, "No active, valid certificate for this sender.");
        var data = ReadAll(content);
        using var lease = await _signing.GetAsync(record, OpenSigningCredentialAsync, cancellationToken).ConfigureAwait(false);
        var credential = lease.Credential;
        var cmsSigner = new System.Security.Cryptography.Pkcs.CmsSigner(PkcsSubjectIdentifierType.IssuerAndSerialNumber, credential.CertificateWithKey)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        foreach (var issuer in credential.Chain)
        {
            cmsSigner.Certificates.Add(issuer);
        }

        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(_time.GetUtcNow().UtcDateTime));
        var cms = new SignedCms(new ContentInfo(data), detached);
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signing.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<SigningCredential> OpenSigningCredentialAsync(CertificateRecord record, CancellationToken cancellationToken)
    {
        var key = await _keys.OpenAsync(record.KeyId, cancellationToken).ConfigureAwait(false);
        X509Certificate2[] chain = [];
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(record.Der);
            var withKey = key.Rsa is { } rsa ? certificate.CopyWithPrivateKey(rsa) : certificate.CopyWithPrivateKey(key.Ecdsa!);
            chain = record.Chain.Select(X509CertificateLoader.LoadCertificate).ToArray();
            return new SigningCredential(record.Address, record.Id, key, withKey, chain);
        }
        catch
        {
            Array.ForEach(chain, c => c.Dispose());
            key.Dispose();
            throw;
        }
    }

    private async Task<byte[]> DecryptCoreAsync(Stream encryptedData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encryptedData);
        var enveloped = new EnvelopedCms();
        enveloped.Decode(ReadAll(encryptedData));
        foreach (var recipient in enveloped.RecipientInfos)
        {
            if (recipient.RecipientIdentifier.Value is not X509IssuerSerial issuerSerial)
            {
                continue;
            }

            var candidates = await _store.ListCertificatesAsync(new CertificateQuery { SerialNumber = issuerSerial.SerialNumber.ToUpperInvariant() }, cancellationToken).ConfigureAwait(false);
            foreach (var candidate in candidates)
            {
                using var certificate = X509CertificateLoader.LoadCertificate(candidate.Der);
                if (!string.Equals(certificate.IssuerName.Name, issuerSerial.IssuerName, StringComparison.Ordinal)
                    && !string.Equals(certificate.Issuer, issuerSerial.IssuerName, StringComparison.Ordinal))
                {
                    continue;
                }

                using var key = await _keys.OpenAsync(candidate.KeyId, cancellationToken).ConfigureAwait(false);
                enveloped.Decrypt(recipient, key.Key);
                return enveloped.ContentInfo.Content;
            }
        }

        throw new PrivateKeyNotFoundException(string.Empty, "None of the message's recipients is a certificate whose key this gateway holds.");
    }
}
