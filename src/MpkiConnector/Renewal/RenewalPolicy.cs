using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MpkiConnector.Storage;

namespace MpkiConnector.Renewal;

/// <summary>
/// Decides when a certificate is renewed: due when <c>now &gt;= notAfter - overlap - jitter</c>, from the certificate's
/// own validity, on the injected <see cref="TimeProvider"/>. The jitter is deterministic per certificate (a hash of its
/// id) within <see cref="RenewalOptions.JitterWindow"/>, and never makes a renewal later. A revoked certificate is due
/// at once. An overlap (plus jitter) as long as the lifetime or longer would renew forever and is refused.
/// </summary>
public sealed class RenewalPolicy
{
    private readonly RenewalOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the policy.</summary>
    public RenewalPolicy(IOptions<RenewalOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _time = time;
    }

    /// <summary>The overlap in use.</summary>
    public TimeSpan Overlap => _options.Overlap;

    /// <summary>The settings in use.</summary>
    public RenewalOptions Options => _options;

    /// <summary>Checks that the overlap (and jitter) fit in certificates of a lifetime (for example a configured term), at start-up.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when they do not.</exception>
    public void EnsureFits(TimeSpan lifetime) => EnsureFits(lifetime, _options.Overlap);

    /// <summary>Checks that an overlap (for example a managed domain's own) and the jitter fit in certificates of a lifetime.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when they do not.</exception>
    public void EnsureFits(TimeSpan lifetime, TimeSpan overlap)
    {
        if (!Fits(overlap, lifetime))
        {
            throw new MpkiException(MpkiErrorKind.Configuration, DescribeMisfit(overlap, lifetime, null))
            {
                Remediation = "Set Renewal:Overlap (and Renewal:JitterWindow) shorter than the certificate term, for example 30 days for a one-year term.",
            };
        }
    }

    /// <summary>Whether an overlap plus the jitter window is shorter than a lifetime (otherwise certificates would be renewed forever).</summary>
    public bool Fits(TimeSpan overlap, TimeSpan lifetime) => overlap + _options.JitterWindow < lifetime;

    /// <summary>When the certificate becomes due for renewal.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when the overlap is as long as the certificate's lifetime or longer.</exception>
    public DateTimeOffset GetDueAt(CertificateRecord certificate) => GetDueAt(certificate, _options.Overlap);

    /// <summary>When the certificate becomes due for renewal with an overlap of its own (for example its managed domain's).</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when the overlap is as long as the certificate's lifetime or longer.</exception>
    public DateTimeOffset GetDueAt(CertificateRecord certificate, TimeSpan overlap)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return GetDueAt(certificate.Id, certificate.NotBefore, certificate.NotAfter, overlap);
    }

    /// <summary>When a certificate of this id and validity becomes due for renewal.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when the overlap is as long as the lifetime or longer.</exception>
    public DateTimeOffset GetDueAt(string certificateId, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        GetDueAt(certificateId, notBefore, notAfter, _options.Overlap);

    /// <summary>When a certificate of this id and validity becomes due for renewal with the given overlap.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when the overlap is as long as the lifetime or longer.</exception>
    public DateTimeOffset GetDueAt(string certificateId, DateTimeOffset notBefore, DateTimeOffset notAfter, TimeSpan overlap)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(overlap, TimeSpan.Zero);
        var lifetime = notAfter - notBefore;
        if (!Fits(overlap, lifetime))
        {
            throw new MpkiException(MpkiErrorKind.Configuration, DescribeMisfit(overlap, lifetime, certificateId));
        }

        return notAfter - overlap - Jitter(certificateId);
    }

    /// <summary>Whether the certificate is due now: past its due date, or revoked or expired (renewed at once).</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when the overlap is as long as the certificate's lifetime or longer.</exception>
    public bool IsDue(CertificateRecord certificate) => IsDue(certificate, _options.Overlap);

    /// <summary>Whether the certificate is due now with an overlap of its own (for example its managed domain's).</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when the overlap is as long as the certificate's lifetime or longer.</exception>
    public bool IsDue(CertificateRecord certificate, TimeSpan overlap)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.Status is CertificateStatus.Revoked or CertificateStatus.Expired)
        {
            return true;
        }

        return _time.GetUtcNow() >= GetDueAt(certificate, overlap);
    }

    /// <summary>Whether the certificate ends within <see cref="RenewalOptions.ExpiryWarning"/> (operators should be told).</summary>
    public bool IsNearExpiry(CertificateRecord certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _time.GetUtcNow() >= certificate.NotAfter - _options.ExpiryWarning;
    }

    /// <summary>
    /// The back-off of a certificate's renewal, from the journal: its consecutive failed or rejected renewal orders
    /// (<paramref name="ordersNewestFirst"/>: the orders of its address, newest first) delay the next attempt by
    /// <see cref="RenewalOptions.InitialBackoff"/>, doubled per failure up to <see cref="RenewalOptions.MaxBackoff"/>,
    /// from the last failure. <see langword="null"/> when it may be renewed now. A restart honours it.
    /// </summary>
    public RenewalBackoff? GetBackoff(CertificateRecord certificate, IReadOnlyList<OrderRecord> ordersNewestFirst)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(ordersNewestFirst);
        var failures = ordersNewestFirst
            .TakeWhile(o => o.State is OrderState.Failed or OrderState.Rejected && string.Equals(o.RenewsCertificateId, certificate.Id, StringComparison.Ordinal))
            .Count();
        if (failures == 0)
        {
            return null;
        }

        var wait = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.InitialBackoff.Ticks * (1L << Math.Min(failures - 1, 20))));
        var next = ordersNewestFirst[0].UpdatedAt + wait;
        return next > _time.GetUtcNow() ? new RenewalBackoff(failures, next) : null;
    }

    /// <summary>The wait until the next renewal check: <see cref="RenewalOptions.CheckInterval"/> plus a random part of <see cref="RenewalOptions.CheckJitter"/>.</summary>
    public TimeSpan NextCheckDelay() => _options.CheckInterval + (_options.CheckJitter > TimeSpan.Zero
        ? TimeSpan.FromTicks(Random.Shared.NextInt64(_options.CheckJitter.Ticks))
        : TimeSpan.Zero);

    /// <summary>The jitter of a certificate: a fixed fraction (from a hash of its id) of the window.</summary>
    public TimeSpan Jitter(string certificateId)
    {
        ArgumentNullException.ThrowIfNull(certificateId);
        if (_options.JitterWindow <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(certificateId), hash);
        var fraction = BinaryPrimitives.ReadUInt64BigEndian(hash) / (double)ulong.MaxValue;
        return TimeSpan.FromTicks((long)(_options.JitterWindow.Ticks * fraction));
    }

    private string DescribeMisfit(TimeSpan overlap, TimeSpan lifetime, string? certificateId)
    {
        var what = certificateId is null ? "certificates" : $"certificate {certificateId}";
        var jitter = _options.JitterWindow > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $" plus the jitter window of {_options.JitterWindow.TotalDays:0.##} days")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"The renewal overlap of {overlap.TotalDays:0.##} days{jitter} is as long as or longer than the lifetime of {what} ({lifetime.TotalDays:0.##} days): they would be renewed forever. Choose an overlap shorter than the lifetime.");
    }
}
