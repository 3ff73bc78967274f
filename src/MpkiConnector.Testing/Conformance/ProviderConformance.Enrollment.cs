using System.Globalization;
using System.Security.Cryptography;

namespace MpkiConnector.Testing;

/// <summary>The steps the checks share: keys and CSRs, submit, collect with a bound, validation, scenarios.</summary>
public sealed partial class ProviderConformance
{
    private string NextAddress()
    {
        var index = Interlocked.Increment(ref _nextAddress) - 1;
        return _options.Addresses[index % _options.Addresses.Count];
    }

    private static MpkiKey CreateKey(MpkiKeyAlgorithm algorithm)
    {
        AsymmetricAlgorithm key = algorithm switch
        {
            MpkiKeyAlgorithm.Rsa2048 => RSA.Create(2048),
            MpkiKeyAlgorithm.Rsa3072 => RSA.Create(3072),
            MpkiKeyAlgorithm.Rsa4096 => RSA.Create(4096),
            MpkiKeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            MpkiKeyAlgorithm.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
            MpkiKeyAlgorithm.EcdsaP521 => ECDsa.Create(ECCurve.NamedCurves.nistP521),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm."),
        };
        return new MpkiKey("conformance-" + Guid.NewGuid().ToString("N"), "conformance", algorithm, key);
    }

    /// <summary>A key, a CSR built by <see cref="CsrBuilder"/> and a request with a fresh correlation id.</summary>
    private Enrollment NewEnrollment(MpkiKeyAlgorithm? algorithm = null, string? address = null)
    {
        var key = CreateKey(algorithm ?? _options.KeyAlgorithms[0]);
        var subject = address ?? NextAddress();
        var request = new MpkiEnrollmentRequest(
            "conformance-" + Guid.NewGuid().ToString("N"), CsrBuilder.CreateForPerson(key, subject, "Conformance Check"), MpkiCertificateKind.Person, subject)
        {
            DisplayName = "Conformance Check",
            CertificateType = _options.CertificateType,
            TermDays = _options.TermDays,
            OrganizationId = _options.OrganizationId,
        };
        return new Enrollment(key, request);
    }

    private async Task<MpkiOrder> SubmitAsync(ConformanceCheck check, MpkiEnrollmentRequest request, CancellationToken cancellationToken)
    {
        var order = await Provider.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        return CheckOrder(check, order, request, "SubmitAsync");
    }

    private static MpkiOrder CheckOrder(ConformanceCheck check, MpkiOrder? order, MpkiEnrollmentRequest request, string method)
    {
        if (order is null || string.IsNullOrWhiteSpace(order.OrderId))
        {
            throw Fail(check, $"{method} returned an order without an order id.");
        }

        if (!string.Equals(order.CorrelationId, request.CorrelationId, StringComparison.Ordinal))
        {
            throw Fail(check, $"{method} returned order {order.OrderId} with correlation id '{order.CorrelationId}', not the request's '{request.CorrelationId}'.");
        }

        return order;
    }

    /// <summary>Collects until the order is issued or rejected, at most <see cref="ProviderConformanceOptions.MaxCollects"/> times.</summary>
    private async Task<Collected> CollectUntilDoneAsync(ConformanceCheck check, MpkiOrder order, CancellationToken cancellationToken)
    {
        var pending = 0;
        for (var i = 0; i < _options.MaxCollects; i++)
        {
            var result = await Provider.CollectAsync(order, cancellationToken).ConfigureAwait(false);
            switch (result)
            {
                case MpkiCollectResult.Issued or MpkiCollectResult.Rejected:
                    return new Collected(result, pending);
                case MpkiCollectResult.Pending:
                    pending++;
                    if (_options.PollInterval > TimeSpan.Zero)
                    {
                        await Task.Delay(_options.PollInterval, _options.Time, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                default:
                    throw Fail(check, $"CollectAsync of order {order.OrderId} returned {(result is null ? "null" : result.GetType().Name)}; expected Pending, Issued or Rejected.");
            }
        }

        throw Fail(check, $"order {order.OrderId} was still pending after {_options.MaxCollects} collects (raise MaxCollects or PollInterval if the CA needs longer).");
    }

    private async Task<MpkiCollectResult.Issued> CollectIssuedAsync(ConformanceCheck check, MpkiOrder order, CancellationToken cancellationToken)
    {
        var collected = await CollectUntilDoneAsync(check, order, cancellationToken).ConfigureAwait(false);
        return collected.Result as MpkiCollectResult.Issued
            ?? throw Fail(check, $"order {order.OrderId} for a request the CA should issue ended {Describe(collected.Result)}.");
    }

    /// <summary>Submits a new request and collects it until issued, then validates the certificate.</summary>
    private async Task<IssuedEnrollment> IssueAsync(ConformanceCheck check, MpkiKeyAlgorithm? algorithm, CancellationToken cancellationToken)
    {
        var enrollment = NewEnrollment(algorithm);
        try
        {
            var order = await SubmitAsync(check, enrollment.Request, cancellationToken).ConfigureAwait(false);
            var issued = await CollectIssuedAsync(check, order, cancellationToken).ConfigureAwait(false);
            return new IssuedEnrollment(enrollment, order, issued, Validate(check, issued, enrollment.Request));
        }
        catch
        {
            enrollment.Dispose();
            throw;
        }
    }

    private ValidatedCertificate Validate(ConformanceCheck check, MpkiCollectResult.Issued issued, MpkiEnrollmentRequest request)
    {
        try
        {
            return _validator.Validate(issued, request.CsrPem, request.Kind, request.Subject);
        }
        catch (MpkiException ex)
        {
            throw Fail(check, $"the certificate issued for {request.Subject} fails CertificateValidator: {ex.Message}", ex);
        }
    }

    /// <summary>Runs <paramref name="body"/> inside a scenario: skipped when the options give none, restored afterwards.</summary>
    private static async Task<ConformanceCheckResult> WithScenarioAsync(
        ConformanceCheck check,
        ConformanceScenario? scenario,
        string optionName,
        Func<ConformanceScenario, Task<ConformanceCheckResult>> body,
        CancellationToken cancellationToken)
    {
        if (scenario is null)
        {
            return Skip(check, $"ProviderConformanceOptions.{optionName} is not set: the author gave no way to provoke it.");
        }

        if (scenario.UnsupportedReason is not null)
        {
            return Skip(check, scenario.UnsupportedReason);
        }

        try
        {
            if (scenario.Arrange is not null)
            {
                await scenario.Arrange(cancellationToken).ConfigureAwait(false);
            }

            return await body(scenario).ConfigureAwait(false);
        }
        finally
        {
            if (scenario.Restore is not null)
            {
                await scenario.Restore(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Format(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);

    private sealed record Collected(MpkiCollectResult Result, int PendingCount);

    private sealed class Enrollment(MpkiKey key, MpkiEnrollmentRequest request) : IDisposable
    {
        public MpkiKey Key { get; } = key;

        public MpkiEnrollmentRequest Request { get; } = request;

        public void Dispose() => Key.Dispose();
    }

    private sealed record IssuedEnrollment(Enrollment Enrollment, MpkiOrder Order, MpkiCollectResult.Issued Issued, ValidatedCertificate Certificate) : IDisposable
    {
        public MpkiEnrollmentRequest Request => Enrollment.Request;

        public void Dispose() => Enrollment.Dispose();
    }
}
