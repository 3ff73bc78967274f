using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Smime;
using MpkiConnector.Gateway.Spool;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Engine;

/// <summary>
/// Inbound mail for managed users: decrypts it with any of the user's keys (superseded ones included) and, when it is
/// signed and the signature verifies, keeps the signer's certificate as a recipient certificate.
/// </summary>
internal sealed class InboundProcessor
{
    private readonly StoreSecureMimeContext _smime;
    private readonly ICertificateStore _certificates;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger _logger;

    public InboundProcessor(StoreSecureMimeContext smime, ICertificateStore certificates, IAuditLog audit, TimeProvider time, GatewayTelemetry telemetry, ILogger<InboundProcessor> logger)
    {
        _smime = smime;
        _certificates = certificates;
        _audit = audit;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    public async Task<MessageOutcome> ProcessAsync(SpoolItem item, MailFolders folders, MimeMessage message, string senderAddress, CancellationToken cancellationToken = default)
    {
        var decrypted = false;
        if (message.Body is ApplicationPkcs7Mime { SecureMimeType: SecureMimeType.EnvelopedData } enveloped)
        {
            try
            {
                message.Body = await enveloped.DecryptAsync(_smime, cancellationToken).ConfigureAwait(false);
                decrypted = true;
            }
            catch (Exception ex) when (ex is CryptographicException or PrivateKeyNotFoundException or InvalidOperationException)
            {
                GatewayLog.DecryptFailed(_logger, item.FileName, ex.Message);
            }
        }

        var harvested = await HarvestAsync(item, message, senderAddress, cancellationToken).ConfigureAwait(false);
        if (decrypted)
        {
            await folders.DeliverAsync(item, (s, ct) => message.WriteToAsync(s, ct), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await folders.DeliverUnchangedAsync(item, cancellationToken).ConfigureAwait(false);
        }

        var reason = decrypted ? "inbound, decrypted" : "inbound";
        return new MessageOutcome(MessageOutcomeKind.PassedThrough, reason) { Decrypted = decrypted, Harvested = harvested };
    }

    private async Task<int> HarvestAsync(SpoolItem item, MimeMessage message, string senderAddress, CancellationToken cancellationToken)
    {
        DigitalSignatureCollection signatures;
        try
        {
            switch (message.Body)
            {
                case MultipartSigned signed:
                    signatures = await signed.VerifyAsync(_smime, cancellationToken).ConfigureAwait(false);
                    break;
                case ApplicationPkcs7Mime { SecureMimeType: SecureMimeType.SignedData } opaque:
                    signatures = opaque.Verify(_smime, out _, cancellationToken);
                    break;
                default:
                    return 0;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or NotSupportedException or InvalidOperationException)
        {
            GatewayLog.NotHarvested(_logger, item.FileName, senderAddress, $"the signature cannot be read: {ex.Message}");
            return 0;
        }

        var count = 0;
        var now = _time.GetUtcNow();
        foreach (var signature in signatures.OfType<CmsDigitalSignature>())
        {
            if (signature.Certificate is not { } certificate)
            {
                continue;
            }

            if (Problem(signature, certificate, senderAddress, now) is { } problem)
            {
                GatewayLog.NotHarvested(_logger, item.FileName, senderAddress, problem);
                continue;
            }

            var thumbprint = CertificateAddresses.Sha256Thumbprint(certificate);
            await _certificates.SaveRecipientCertificateAsync(
                new RecipientCertificate(senderAddress, thumbprint, certificate.RawData, certificate.NotAfter.ToUniversalTime(), now),
                cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(new AuditEntry(now, "recipient-certificate.harvested", senderAddress, $"thumbprint {thumbprint}, ends {certificate.NotAfter.ToUniversalTime():O}"), cancellationToken).ConfigureAwait(false);
            _telemetry.Harvested();
            GatewayLog.CertificateHarvested(_logger, senderAddress, thumbprint);
            count++;
        }

        return count;
    }

    private static string? Problem(CmsDigitalSignature signature, X509Certificate2 certificate, string senderAddress, DateTimeOffset now)
    {
        try
        {
            signature.Verify(verifySignatureOnly: true);
        }
        catch (DigitalSignatureVerifyException ex)
        {
            return $"the signature does not verify: {ex.Message}";
        }

        if (!CertificateAddresses.GetEmailAddresses(certificate).Contains(senderAddress, StringComparer.Ordinal))
        {
            return "the signer's certificate is not for the sender's address";
        }

        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime || certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime)
        {
            return "the signer's certificate is not valid now";
        }

        return CertificateAddresses.AllowsEmailProtection(certificate) ? null : "the signer's certificate does not allow e-mail protection";
    }
}
