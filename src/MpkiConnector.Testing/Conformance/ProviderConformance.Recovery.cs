using System.Security.Cryptography.X509Certificates;
using MpkiConnector.LocalCa;

namespace MpkiConnector.Testing;

/// <summary>Find-order after a lost answer, a wrong certificate caught by validation, every key algorithm.</summary>
public sealed partial class ProviderConformance
{
    private async Task<ConformanceCheckResult> FindOrderAfterLostAnswerAsync(CancellationToken cancellationToken)
    {
        const ConformanceCheck check = ConformanceCheck.FindOrderAfterLostAnswer;
        using var enrollment = NewEnrollment();
        var request = enrollment.Request;
        var before = await Provider.FindOrderAsync(request, cancellationToken).ConfigureAwait(false);
        if (!Provider.Capabilities.HasFlag(MpkiCapabilities.FindOrder))
        {
            return before is null
                ? Skip(check, "the provider does not claim MpkiCapabilities.FindOrder (and FindOrderAsync returns null, as the contract says).")
                : throw Fail(check, "the provider does not claim MpkiCapabilities.FindOrder, yet FindOrderAsync returned an order.");
        }

        if (before is not null)
        {
            throw Fail(check, $"FindOrderAsync found order {before.OrderId} for correlation id {request.CorrelationId} before anything was submitted.");
        }

        var scenario = _options.LostAnswer is { UnsupportedReason: null } given ? given : null;
        MpkiOrder? answered = null;
        string how;
        try
        {
            if (scenario?.Arrange is not null)
            {
                await scenario.Arrange(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                answered = await SubmitAsync(check, request, cancellationToken).ConfigureAwait(false);
                how = scenario is null
                    ? "the answer of a successful submit was ignored"
                    : "the answer was lost at the CA, and the provider's submit recovered the order itself";
            }
            catch (MpkiException ex) when (scenario is not null)
            {
                how = ex.IsTransient
                    ? $"the submit's answer was lost ({Describe(ex)})"
                    : throw Fail(check, $"a submit whose answer was lost failed with {Describe(ex)} ({ex.Message}); the order may exist, so the failure must be transient.", ex);
            }
        }
        finally
        {
            if (scenario?.Restore is not null)
            {
                await scenario.Restore(cancellationToken).ConfigureAwait(false);
            }
        }

        var found = CheckOrder(
            check,
            await Provider.FindOrderAsync(request, cancellationToken).ConfigureAwait(false)
                ?? throw Fail(check, $"{how}, and FindOrderAsync did not find the order of correlation id {request.CorrelationId}; the engine would order a second certificate."),
            request,
            "FindOrderAsync");
        if (answered is not null && !string.Equals(answered.OrderId, found.OrderId, StringComparison.Ordinal))
        {
            throw Fail(check, $"FindOrderAsync found order {found.OrderId}, but the submit created order {answered.OrderId}.");
        }

        var issued = await CollectIssuedAsync(check, found, cancellationToken).ConfigureAwait(false);
        var certificate = Validate(check, issued, request);
        return Pass(check, $"{how}; FindOrderAsync found order {found.OrderId}, which issued serial {certificate.SerialNumber}.");
    }

    private async Task<ConformanceCheckResult> WrongCertificateCaughtAsync(CancellationToken cancellationToken)
    {
        const ConformanceCheck check = ConformanceCheck.WrongCertificateCaught;
        using var issued = await IssueAsync(check, null, cancellationToken).ConfigureAwait(false);
        var request = issued.Request;
        var address = EmailAddress.Parse(request.Subject);
        var otherAddress = "someone-else." + address.LocalPart + "@" + address.Domain;
        using var otherKey = CreateKey(MpkiKeyAlgorithm.EcdsaP256);

        // The provider's own certificate must not pass for another key or another address.
        ExpectRefused(check, "the provider's certificate checked against another key", issued.Issued, otherKey.ExportSubjectPublicKeyInfo(), request.Subject);
        ExpectRefused(check, $"the provider's certificate checked for {otherAddress}", issued.Issued, CsrBuilder.GetSubjectPublicKeyInfo(request.CsrPem), otherAddress);

        // Certificates a wrong CA answer could carry: the right address for another key, or no e-mail protection.
        using var impostor = LocalCertificateAuthority.Create("Conformance Impostor", _options.Time);
        var spki = CsrBuilder.GetSubjectPublicKeyInfo(request.CsrPem);
        using (var forOtherKey = impostor.Issue(new LocalIssueRequest(request.CsrPem, request.Subject, 30) { Email = request.Subject, PublicKeyOverride = new PublicKey(otherKey.Key) }))
        {
            ExpectRefused(check, "a certificate for the right address but another key", new MpkiCollectResult.Issued(forOtherKey.RawData, issued.Issued.ChainDer), spki, request.Subject);
        }

        using (var noEmail = impostor.Issue(new LocalIssueRequest(request.CsrPem, request.Subject, 30) { Email = request.Subject, OmitEmailProtection = true }))
        {
            ExpectRefused(check, "a certificate without e-mail protection", new MpkiCollectResult.Issued(noEmail.RawData, issued.Issued.ChainDer), spki, request.Subject);
        }

        return Pass(check, $"serial {issued.Certificate.SerialNumber} passes only for its own key and address; a certificate for another key and one without e-mail protection are refused.");
    }

    private async Task<ConformanceCheckResult> KeyAlgorithmsAsync(CancellationToken cancellationToken)
    {
        const ConformanceCheck check = ConformanceCheck.KeyAlgorithms;
        var seen = new List<string>();
        foreach (var algorithm in _options.KeyAlgorithms.Distinct())
        {
            using var issued = await IssueAsync(check, algorithm, cancellationToken).ConfigureAwait(false);
            seen.Add($"{algorithm} serial {issued.Certificate.SerialNumber}");
        }

        return Pass(check, string.Join("; ", seen) + ".");
    }

    private void ExpectRefused(ConformanceCheck check, string what, MpkiCollectResult.Issued wrong, byte[] expectedKey, string subject)
    {
        try
        {
            _validator.Validate(wrong, expectedKey, MpkiCertificateKind.Person, subject);
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.Rejected)
        {
            return;
        }

        throw Fail(check, $"CertificateValidator accepted {what}.");
    }
}
