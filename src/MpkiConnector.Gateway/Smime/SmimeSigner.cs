using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using CertificateNotFoundException = MimeKit.Cryptography.CertificateNotFoundException;
using DigestAlgorithm = MimeKit.Cryptography.DigestAlgorithm;

namespace MpkiConnector.Gateway.Smime;

/// <summary>
/// Makes CMS signatures (<see cref="SignedCms"/>, SHA-256) with a sender's active certificate and the key behind it,
/// opened once and kept in a <see cref="SigningCredentialCache"/>.
/// </summary>
internal sealed class SmimeSigner : IDisposable
{
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private readonly SmimeCertificateLookup _lookup;
    private readonly CertificateKeyOpener _keys;
    private readonly TimeProvider _time;
    private readonly SigningCredentialCache _cache;

    public SmimeSigner(SmimeCertificateLookup lookup, CertificateKeyOpener keys, TimeProvider time, int cacheCapacity)
    {
        _cache = new SigningCredentialCache(cacheCapacity);
        _lookup = lookup;
        _keys = keys;
        _time = time;
    }

    /// <summary>The DER of a CMS SignedData over <paramref name="data"/> by <paramref name="signer"/>.</summary>
    public async Task<byte[]> SignAsync(MailboxAddress signer, DigestAlgorithm digestAlgo, byte[] data, bool detached, CancellationToken cancellationToken)
    {
        if (digestAlgo is not (DigestAlgorithm.Sha256 or DigestAlgorithm.None))
        {
            throw new NotSupportedException($"Only SHA-256 signatures are made (asked for {digestAlgo}).");
        }

        var record = await _lookup.FindSigningCertificateAsync(signer.Address, cancellationToken).ConfigureAwait(false)
            ?? throw new CertificateNotFoundException(signer, "No active, valid certificate for this sender.");
        using var lease = await _cache.GetAsync(record, OpenAsync, cancellationToken).ConfigureAwait(false);
        var credential = lease.Credential;
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, credential.CertificateWithKey)
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

    public void Dispose() => _cache.Dispose();

    private async Task<SigningCredential> OpenAsync(Storage.CertificateRecord record, CancellationToken cancellationToken)
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
}
