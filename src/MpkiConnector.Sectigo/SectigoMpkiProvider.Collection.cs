using System.Globalization;
using System.Security.Cryptography;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>Collect (pending, issued, revoked) and revoke, on the S/MIME or the device endpoints by the order's kind.</summary>
public sealed partial class SectigoMpkiProvider
{
    /// <inheritdoc />
    public async Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrWhiteSpace(order.OrderId);
        var path = $"api/{Area(order.Kind)}/v1/collect/{Uri.EscapeDataString(order.OrderId)}?format=x509";
        var operation = $"collecting order {order.OrderId}";
        var response = await _client.SendAsync(HttpMethod.Get, path, null, operation, cancellationToken).ConfigureAwait(false);
        var (code, description) = SectigoApiClient.ReadError(response.Body);
        if (!response.IsSuccess || (code is not null && response.Body.Length > 0 && response.Body[0] == (byte)'{'))
        {
            if (code == SectigoErrorCodes.NotCollectable && order.Kind == MpkiCertificateKind.Person
                && await RejectedStateAsync(order.OrderId, cancellationToken).ConfigureAwait(false) is { } state)
            {
                var text = $"the order is {state} at the CA ({description ?? "not collectable"})";
                SectigoLog.Rejected(_logger, Name, order.OrderId, "-183", text);
                return new MpkiCollectResult.Rejected(text, "-183");
            }

            if (code is { } c && SectigoErrorCodes.IsPending(c) && response.Status is >= 200 and < 500)
            {
                SectigoLog.Pending(_logger, Name, order.OrderId, c.ToString(CultureInfo.InvariantCulture), description ?? string.Empty);
                return new MpkiCollectResult.Pending(response.Headers.RetryAfter?.Delta, $"{c}: {description}");
            }

            if (code is { } r && SectigoErrorCodes.IsRevoked(r))
            {
                var text = description ?? "revoked";
                SectigoLog.Rejected(_logger, Name, order.OrderId, r.ToString(CultureInfo.InvariantCulture), text);
                return new MpkiCollectResult.Rejected(text, r.ToString(CultureInfo.InvariantCulture));
            }

            if (response.IsSuccess && code is null)
            {
                // A 2xx JSON answer without a code: nothing to collect yet.
                return new MpkiCollectResult.Pending(null, "empty answer");
            }

            throw _client.ToException(response, operation);
        }

        if (response.Body.Length == 0 || response.Body.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            SectigoLog.Pending(_logger, Name, order.OrderId, "none", "empty answer");
            return new MpkiCollectResult.Pending(response.Headers.RetryAfter?.Delta, "empty answer");
        }

        try
        {
            var (certificate, chain) = SectigoCertificateParser.Parse(response.Body);
            SectigoLog.Collected(_logger, Name, order.OrderId);
            return new MpkiCollectResult.Issued(certificate, chain);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Name}': {operation} failed: the certificate could not be read ({ex.Message}).", ex);
        }
    }

    /// <inheritdoc />
    public async Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = string.IsNullOrWhiteSpace(request.Comment) ? request.Reason.ToString() : request.Comment;
        if (reason.Length > 512)
        {
            reason = reason[..512];
        }

        var body = new ScmRevokeRequest { ReasonCode = (int)request.Reason, Reason = reason };
        string path;
        string target;
        if (request.OrderId is not null)
        {
            path = $"api/{Area(request.Kind)}/v1/revoke/order/{Uri.EscapeDataString(request.OrderId)}";
            target = $"order {request.OrderId}";
        }
        else if (request.SerialNumber is not null)
        {
            var serial = NormalizeSerial(request.SerialNumber);
            path = $"api/smime/v1/revoke/serial/{Uri.EscapeDataString(serial)}";
            target = $"serial {serial}";
        }
        else
        {
            path = "api/smime/v1/revoke";
            body.Email = request.Email;
            target = $"every certificate of {request.Email}";
        }

        await _client.SendCheckedAsync(HttpMethod.Post, path, body, $"revoking {target}", cancellationToken).ConfigureAwait(false);
        SectigoLog.Revoked(_logger, Name, target);
    }

    internal static string NormalizeSerial(string serial)
    {
        var plain = new string(serial.Where(c => c is not ':' and not ' ' and not '-').ToArray());
        if (plain.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            plain = plain[2..];
        }

        if (plain.Length == 0 || !plain.All(char.IsAsciiHexDigit))
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"'{serial}' is not a hexadecimal serial number.");
        }

        return plain.ToUpperInvariant();
    }

    /// <summary>The API area of a kind of certificate: <c>smime</c> or <c>device</c>.</summary>
    private static string Area(MpkiCertificateKind kind) => kind == MpkiCertificateKind.Device ? "device" : "smime";

    /// <summary>
    /// "Not collectable" answers both an order still in work and one the CA rejected: the order's details tell which. The
    /// state when it is rejected; null otherwise, or when the details cannot be read (the order then stays pending).
    /// </summary>
    private async Task<string?> RejectedStateAsync(string orderId, CancellationToken cancellationToken)
    {
        try
        {
            var details = await _client.GetAsync<ScmCertificateListItem>($"api/smime/v1/{Uri.EscapeDataString(orderId)}", $"reading certificate {orderId}", cancellationToken).ConfigureAwait(false);
            var state = details.State ?? details.Status;
            return string.Equals(state, "rejected", StringComparison.OrdinalIgnoreCase) ? "rejected" : null;
        }
        catch (MpkiException)
        {
            return null;
        }
    }
}
