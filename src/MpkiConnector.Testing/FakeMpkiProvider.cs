using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.LocalCa;

namespace MpkiConnector.Testing;

/// <summary>
/// An in-memory CA for tests and demos (it is not a real CA: a fake, as its name says), on
/// <see cref="LocalCertificateAuthority"/>. Its knobs (<see cref="FakeMpkiProviderOptions"/>) make it answer pending,
/// reject, fail transiently, lose the answer of a submit, or return a wrong certificate. It counts its orders.
/// </summary>
public sealed class FakeMpkiProvider : IMpkiProvider, IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FakeMpkiOrder> _orders = [];
    private readonly TimeProvider _time;
    private readonly LocalCertificateAuthority _ca;

    /// <summary>Creates a fake provider account with its own CA.</summary>
    public FakeMpkiProvider(string name, FakeMpkiProviderOptions? options = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Options = options ?? new FakeMpkiProviderOptions();
        _time = time ?? TimeProvider.System;
        _ca = LocalCertificateAuthority.Create("Fake " + name, _time);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The knobs; change them at any time.</summary>
    public FakeMpkiProviderOptions Options { get; }

    /// <summary>The fake CA (its root, to build trust in tests).</summary>
    public LocalCertificateAuthority CertificateAuthority => _ca;

    /// <inheritdoc />
    public MpkiCapabilities Capabilities => Options.Capabilities;

    /// <summary>How many orders were created at the CA.</summary>
    public int OrderCount
    {
        get
        {
            lock (_lock)
            {
                return _orders.Count;
            }
        }
    }

    /// <summary>A snapshot of the orders, oldest first.</summary>
    public IReadOnlyList<FakeMpkiOrder> Orders
    {
        get
        {
            lock (_lock)
            {
                return [.. _orders];
            }
        }
    }

    /// <summary>How many submits were made (including failed ones).</summary>
    public int SubmitCalls { get; private set; }

    /// <summary>How many collects were made (including failed ones).</summary>
    public int CollectCalls { get; private set; }

    /// <inheritdoc />
    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new MpkiAccount([new MpkiOrganization("1", "Fake Organisation", [])], Options.CertificateTypes, []));

    /// <inheritdoc />
    public Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            SubmitCalls++;
            if (Options.SubmitFailureCount > 0)
            {
                Options.SubmitFailureCount--;
                throw new MpkiException(MpkiErrorKind.Unavailable, "The fake CA is unavailable (submit).") { HttpStatus = 503 };
            }

            try
            {
                CsrBuilder.GetSubjectPublicKeyInfo(request.CsrPem);
            }
            catch (MpkiException ex)
            {
                throw new MpkiException(MpkiErrorKind.InvalidRequest, "The fake CA cannot read the CSR.", ex) { HttpStatus = 400 };
            }

            var order = new FakeMpkiOrder((_orders.Count + 1001).ToString(CultureInfo.InvariantCulture), request, _time.GetUtcNow());
            _orders.Add(order);
            if (Options.LoseSubmitAnswerCount > 0)
            {
                Options.LoseSubmitAnswerCount--;
                throw new MpkiException(MpkiErrorKind.Unavailable, "The connection to the fake CA dropped before its answer (the order was created).");
            }

            return Task.FromResult(new MpkiOrder(order.OrderId, request.CorrelationId, request.Kind));
        }
    }

    /// <inheritdoc />
    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Options.Capabilities.HasFlag(MpkiCapabilities.FindOrder))
        {
            return Task.FromResult<MpkiOrder?>(null);
        }

        lock (_lock)
        {
            var found = _orders.LastOrDefault(o => string.Equals(o.CorrelationId, request.CorrelationId, StringComparison.Ordinal));
            return Task.FromResult(found is null ? null : new MpkiOrder(found.OrderId, found.CorrelationId, found.Request.Kind));
        }
    }

    /// <inheritdoc />
    public Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            CollectCalls++;
            if (Options.CollectFailureCount > 0)
            {
                Options.CollectFailureCount--;
                throw new MpkiException(MpkiErrorKind.Unavailable, "The fake CA is unavailable (collect).") { HttpStatus = 503 };
            }

            // Like a CA with separate person and device endpoints: an order is found only under its own kind.
            var held = _orders.FirstOrDefault(o => o.OrderId == order.OrderId && o.Request.Kind == order.Kind)
                ?? throw new MpkiException(MpkiErrorKind.NotFound, $"The fake CA has no {order.Kind} order {order.OrderId}.") { HttpStatus = 404 };
            held.CollectCount++;
            if (held.Revoked)
            {
                return Task.FromResult<MpkiCollectResult>(new MpkiCollectResult.Rejected("The order was revoked.", "revoked"));
            }

            if (held.CertificateDer is null)
            {
                if (Options.Reject)
                {
                    return Task.FromResult<MpkiCollectResult>(new MpkiCollectResult.Rejected(Options.RejectReason, "declined"));
                }

                if (held.PendingLeft < 0)
                {
                    held.PendingLeft = Options.PendingCount;
                }

                if (held.PendingLeft > 0)
                {
                    held.PendingLeft--;
                    return Task.FromResult<MpkiCollectResult>(new MpkiCollectResult.Pending(Options.PendingRetryAfter, "Applied"));
                }

                Issue(held);
            }

            return Task.FromResult<MpkiCollectResult>(new MpkiCollectResult.Issued(held.CertificateDer!, _ca.ChainDer));
        }
    }

    /// <inheritdoc />
    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            var matches = _orders.Where(o =>
                (request.OrderId is not null && o.OrderId == request.OrderId) ||
                (request.SerialNumber is not null && string.Equals(o.SerialNumber, request.SerialNumber, StringComparison.OrdinalIgnoreCase)) ||
                (request.Email is not null && string.Equals(o.Request.Subject, request.Email, StringComparison.OrdinalIgnoreCase))).ToList();
            if (matches.Count == 0)
            {
                throw new MpkiException(MpkiErrorKind.NotFound, "The fake CA has no matching certificate to revoke.") { HttpStatus = 404 };
            }

            foreach (var match in matches)
            {
                match.Revoked = true;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _ca.Dispose();

    private void Issue(FakeMpkiOrder order)
    {
        var request = order.Request;
        var wrong = Options.WrongCertificate;
        if (wrong == FakeWrongCertificate.Garbage)
        {
            order.CertificateDer = RandomNumberGenerator.GetBytes(200);
            return;
        }

        // An expired certificate must still start after the issuing CA (made a day before the fake): a zero term does it.
        var term = wrong == FakeWrongCertificate.Expired ? 0 : request.TermDays ?? Options.DefaultTermDays;
        var subject = wrong == FakeWrongCertificate.OtherAddress
            ? (request.Kind == MpkiCertificateKind.Device ? "other-device." : "someone.else.") + request.Subject
            : request.Subject;
        var now = _time.GetUtcNow();
        using var otherKey = wrong == FakeWrongCertificate.OtherKey ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var issue = new LocalIssueRequest(request.CsrPem, request.DisplayName ?? subject, term)
        {
            Email = request.Kind == MpkiCertificateKind.Person ? subject : null,
            DeviceName = request.Kind == MpkiCertificateKind.Device ? subject : null,
            OmitEmailProtection = wrong == FakeWrongCertificate.NoEmailProtection,
            PublicKeyOverride = otherKey is null ? null : new PublicKey(otherKey),
            NotBefore = wrong switch
            {
                FakeWrongCertificate.Expired => now.AddDays(-1).AddMinutes(1),
                FakeWrongCertificate.NotYetValid => now.AddDays(2),
                _ => null,
            },
        };
        using var certificate = _ca.Issue(issue);
        order.CertificateDer = certificate.RawData;
        order.SerialNumber = certificate.SerialNumber;
    }
}
