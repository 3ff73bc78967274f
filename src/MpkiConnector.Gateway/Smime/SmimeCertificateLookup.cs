using System.Security.Cryptography.X509Certificates;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Smime;

/// <summary>Finds, in the store, the certificate an address signs with and the one mail to an address is encrypted to.</summary>
internal sealed class SmimeCertificateLookup
{
    private readonly ICertificateStore _store;
    private readonly TimeProvider _time;

    public SmimeCertificateLookup(ICertificateStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>The usable signing certificate of an address (active, valid now), or <see langword="null"/>.</summary>
    public async Task<CertificateRecord?> FindSigningCertificateAsync(string address, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryParse(address, out var parsed, out _))
        {
            return null;
        }

        var record = await _store.GetActiveCertificateAsync(parsed.Value, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        return record is not null && record.IsUsableAt(now) ? record : null;
    }

    /// <summary>A harvested recipient certificate or our own, valid now and RSA; or <see langword="null"/>.</summary>
    public async Task<X509Certificate2?> FindEncryptionCertificateAsync(string address, CancellationToken cancellationToken = default)
    {
        if (!EmailAddress.TryParse(address, out var parsed, out _))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        foreach (var recipient in await _store.GetRecipientCertificatesAsync(parsed.Value, cancellationToken).ConfigureAwait(false))
        {
            if (UsableForEncryption(X509CertificateLoader.LoadCertificate(recipient.Der), now) is { } certificate)
            {
                return certificate;
            }
        }

        return await FindSigningCertificateAsync(parsed.Value, cancellationToken).ConfigureAwait(false) is { } own
            ? UsableForEncryption(X509CertificateLoader.LoadCertificate(own.Der), now)
            : null;
    }

    /// <summary>Our certificates with this serial number (upper-case hex).</summary>
    public Task<IReadOnlyList<CertificateRecord>> FindBySerialAsync(string serialNumber, CancellationToken cancellationToken = default) =>
        _store.ListCertificatesAsync(new CertificateQuery { SerialNumber = serialNumber.ToUpperInvariant() }, cancellationToken);

    /// <summary>The encryption certificates of <paramref name="mailboxes"/> as a PKCS#7 certs-only DER.</summary>
    public async Task<byte[]> ExportAsync(IEnumerable<MailboxAddress> mailboxes, CancellationToken cancellationToken = default)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            foreach (var mailbox in mailboxes)
            {
                var certificate = await FindEncryptionCertificateAsync(mailbox.Address, cancellationToken).ConfigureAwait(false)
                    ?? throw new CertificateNotFoundException(mailbox, "No certificate is known for this address.");
                collection.Add(certificate);
            }

            return collection.Export(X509ContentType.Pkcs7)!;
        }
        finally
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }

    private static X509Certificate2? UsableForEncryption(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime < certificate.NotAfter.ToUniversalTime()
            && CertificateAddresses.HasRsaKey(certificate) && CertificateAddresses.AllowsEmailProtection(certificate))
        {
            return certificate;
        }

        certificate.Dispose();
        return null;
    }
}
