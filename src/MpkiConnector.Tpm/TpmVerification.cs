using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.Tpm;

/// <summary>
/// Checks every installed TPM certificate: its key opens in the TPM and matches the certificate, an export of the
/// private key fails, and a signature made in the TPM verifies with the certificate's public key.
/// </summary>
public sealed class TpmVerification
{
    private static readonly byte[] Challenge = "MpkiConnector TPM verification"u8.ToArray();
    private readonly TpmEnrollmentService _enrollment;
    private readonly IKeyProvider _keys;

    /// <summary>Creates the verification over the installed certificates and the TPM key provider.</summary>
    public TpmVerification(TpmEnrollmentService enrollment, IKeyProvider tpmKeys)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(tpmKeys);
        _enrollment = enrollment;
        _keys = tpmKeys;
    }

    /// <summary>Verifies every installed certificate; a failure is a result, not an exception.</summary>
    public async Task<IReadOnlyList<TpmVerificationResult>> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<TpmVerificationResult>();
        foreach (var certificate in await _enrollment.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(await VerifyAsync(certificate, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Verifies one installed certificate.</summary>
    public async Task<TpmVerificationResult> VerifyAsync(TpmCertificate certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var result = new TpmVerificationResult { Certificate = certificate, KeyProvider = $"{_keys.Kind} {certificate.KeyReference}" };
        MpkiKey key;
        try
        {
            key = await _keys.OpenAsync(certificate.KeyId, cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            return result with { Problem = ex.Message };
        }

        using (key)
        using (var x509 = X509CertificateLoader.LoadCertificate(certificate.CertificateDer))
        {
            var matches = key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(x509.PublicKey.ExportSubjectPublicKeyInfo());
            var notExportable = ExportFails(key.Key);
            bool signed;
            try
            {
                signed = SignAndVerify(key, x509);
            }
            catch (CryptographicException ex)
            {
                return result with { KeyMatchesCertificate = matches, KeyNotExportable = notExportable, Problem = "Signing in the TPM failed: " + ex.Message };
            }

            var problem = !matches ? "The key's public key differs from the certificate's."
                : !notExportable ? "The private key could be exported: it is not protected by the TPM."
                : !signed ? "A signature made with the key did not verify with the certificate's public key."
                : null;
            return result with { KeyMatchesCertificate = matches, KeyNotExportable = notExportable, SignVerifyPassed = signed, Problem = problem };
        }
    }

    private static bool ExportFails(AsymmetricAlgorithm key)
    {
        try
        {
            _ = key.ExportPkcs8PrivateKey();
            return false;
        }
        catch (CryptographicException)
        {
            return true;
        }
    }

    private static bool SignAndVerify(MpkiKey key, X509Certificate2 certificate)
    {
        if (key.Rsa is { } rsa)
        {
            var signature = rsa.SignData(Challenge, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var publicKey = certificate.GetRSAPublicKey();
            return publicKey is not null && publicKey.VerifyData(Challenge, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var ecSignature = key.Ecdsa!.SignData(Challenge, HashAlgorithmName.SHA256);
        using var ecPublic = certificate.GetECDsaPublicKey();
        return ecPublic is not null && ecPublic.VerifyData(Challenge, ecSignature, HashAlgorithmName.SHA256);
    }
}
