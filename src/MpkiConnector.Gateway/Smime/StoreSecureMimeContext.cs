using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Storage;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;
using BcX509Crl = Org.BouncyCastle.X509.X509Crl;
using MimeCmsRecipientCollection = MimeKit.Cryptography.CmsRecipientCollection;
using MimeCmsSigner = MimeKit.Cryptography.CmsSigner;

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
/// The work is done by <see cref="SmimeCertificateLookup"/>, <see cref="SmimeSigner"/> and <see cref="SmimeEnvelope"/>.
/// </summary>
public sealed class StoreSecureMimeContext : SecureMimeContext
{
    private const string AsyncOnly = "This S/MIME context reads the store asynchronously: use the Async form of this operation.";
    private readonly SmimeCertificateLookup _lookup;
    private readonly CertificateKeyOpener _keys;
    private readonly SmimeSigner _signer;
    private readonly TimeProvider _time;

    /// <summary>How many senders' signing credentials are kept open unless the constructor is told otherwise.</summary>
    public const int DefaultCredentialCacheCapacity = 4096;

    /// <summary>Creates the context.</summary>
    /// <param name="store">Our certificates and the harvested recipient certificates.</param>
    /// <param name="keyStore">The stored keys (sealed, or references).</param>
    /// <param name="keyProviders">The providers that open the stored keys.</param>
    /// <param name="timeProvider">The clock (validity, signing time).</param>
    /// <param name="credentialCacheCapacity">How many senders' opened signing credentials are kept (least recently used evicted).</param>
    public StoreSecureMimeContext(ICertificateStore store, IKeyStore keyStore, IEnumerable<IKeyProvider> keyProviders, TimeProvider timeProvider, int credentialCacheCapacity = DefaultCredentialCacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keyStore);
        ArgumentNullException.ThrowIfNull(keyProviders);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _lookup = new SmimeCertificateLookup(store, timeProvider);
        _keys = new CertificateKeyOpener(keyStore, keyProviders);
        _signer = new SmimeSigner(_lookup, _keys, timeProvider, credentialCacheCapacity);
        _time = timeProvider;
    }

    /// <summary>Roots a signer's chain must lead to for <see cref="IDigitalSignature.Verify()"/> (not for signature-only checks); empty means the system's trust.</summary>
    public X509Certificate2Collection TrustedRoots { get; } = [];

    /// <summary>The usable signing certificate of an address (active, valid now), or <see langword="null"/>.</summary>
    public Task<CertificateRecord?> FindSigningCertificateAsync(string address, CancellationToken cancellationToken = default) =>
        _lookup.FindSigningCertificateAsync(address, cancellationToken);

    /// <summary>The certificate to encrypt to an address: a harvested recipient certificate or our own, valid now and RSA; or <see langword="null"/>.</summary>
    public Task<X509Certificate2?> FindEncryptionCertificateAsync(string address, CancellationToken cancellationToken = default) =>
        _lookup.FindEncryptionCertificateAsync(address, cancellationToken);

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

            return Enveloped(SmimeEnvelope.Encrypt(certificates, ReadAll(content)));
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
            return Enveloped(SmimeEnvelope.Encrypt(certificates, ReadAll(content)));
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
        var der = await _lookup.ExportAsync(mailboxes, cancellationToken).ConfigureAwait(false);
        return new ApplicationPkcs7Mime(SecureMimeType.CertsOnly, new MemoryStream(der, writable: false));
    }

    private static ApplicationPkcs7Mime Enveloped(byte[] der) => new(SecureMimeType.EnvelopedData, new MemoryStream(der, writable: false));

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

    private Task<byte[]> SignCoreAsync(MailboxAddress signer, DigestAlgorithm digestAlgo, Stream content, bool detached, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(content);
        return _signer.SignAsync(signer, digestAlgo, ReadAll(content), detached, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signer.Dispose();
        }

        base.Dispose(disposing);
    }

    private Task<byte[]> DecryptCoreAsync(Stream encryptedData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encryptedData);
        return SmimeEnvelope.DecryptAsync(ReadAll(encryptedData), _lookup, _keys, cancellationToken);
    }
}
