using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo.SelfEnrollment;

/// <summary>
/// Talks to the enrollment server of a one-time link (the emulator's <c>/enroll/api/v1</c>, its stand-in for the CA's
/// unpublished desktop-client protocol) with the link's token as the only credential. Every failure is an
/// <see cref="MpkiException"/> whose message says what to do; the token is never in it.
/// </summary>
public sealed class EnrollmentLinkClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    /// <summary>Creates a client for <paramref name="link"/>.</summary>
    /// <param name="link">The parsed link.</param>
    /// <param name="handler">The HTTP handler (tests); a plain one when null.</param>
    public EnrollmentLinkClient(EnrollmentLink link, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        Link = link;
        _http = new HttpClient(handler ?? new HttpClientHandler(), disposeHandler: true)
        {
            BaseAddress = new Uri(link.Server, "enroll/api/v1/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", link.Token);
    }

    /// <summary>The link this client redeems.</summary>
    public EnrollmentLink Link { get; }

    /// <summary>Reads what the link enrolls (kind, subject, profile, term, key type) without using it up.</summary>
    public async Task<EnrollmentLinkDetails> GetDetailsAsync(CancellationToken cancellationToken = default)
    {
        var info = await SendAsync<EnrollmentLinkInfo>(HttpMethod.Get, "link", null, "reading the enrollment link", cancellationToken).ConfigureAwait(false);
        var kind = string.Equals(info.Kind, "device", StringComparison.OrdinalIgnoreCase) ? MpkiCertificateKind.Device : MpkiCertificateKind.Person;
        var algorithm = info.KeyType?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "RSA-2048" or "RSA2048" => MpkiKeyAlgorithm.Rsa2048,
            "EC-P256" or "EC-P-256" or "ECDSA-P256" => MpkiKeyAlgorithm.EcdsaP256,
            _ => throw new MpkiException(MpkiErrorKind.Protocol, $"The enrollment link asks for a key type this client cannot make in a TPM ('{info.KeyType}'); RSA-2048 and EC-P256 are supported."),
        };
        if (string.IsNullOrWhiteSpace(info.Subject))
        {
            throw new MpkiException(MpkiErrorKind.Protocol, "The enrollment server's answer names no subject.");
        }

        return new EnrollmentLinkDetails(
            kind, info.Subject, info.Email ?? info.Subject, info.ProfileId.ToString(CultureInfo.InvariantCulture), info.TermDays, algorithm, info.ExpiresAt, info.State ?? "open");
    }

    internal Task<EnrollmentLinkOrder> SubmitAsync(string correlationId, string csrPem, CancellationToken cancellationToken) =>
        SendAsync<EnrollmentLinkOrder>(HttpMethod.Post, "orders", new { correlationId, csr = csrPem }, "submitting the CSR", cancellationToken);

    internal async Task<EnrollmentLinkOrder?> FindAsync(string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync<EnrollmentLinkOrder>(HttpMethod.Get, "orders?correlationId=" + Uri.EscapeDataString(correlationId), null, "looking for the order", cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.NotFound)
        {
            return null;
        }
    }

    internal Task<EnrollmentLinkOrder> CollectAsync(string orderId, CancellationToken cancellationToken) =>
        SendAsync<EnrollmentLinkOrder>(HttpMethod.Get, "orders/" + Uri.EscapeDataString(orderId), null, "collecting the certificate", cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MpkiException(MpkiErrorKind.Unavailable, $"The enrollment server {Link.Server} did not answer while {what} ({ex.Message}).", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
                        ?? throw new MpkiException(MpkiErrorKind.Protocol, $"The enrollment server sent an empty answer while {what}.");
                }
                catch (JsonException ex)
                {
                    throw new MpkiException(MpkiErrorKind.Protocol, $"The enrollment server's answer while {what} is not the expected JSON.", ex);
                }
            }

            EnrollmentLinkError? error = null;
            try
            {
                error = await response.Content.ReadFromJsonAsync<EnrollmentLinkError>(Json, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                // not our error body: the status says enough
            }

            var status = (int)response.StatusCode;
            var kind = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => MpkiErrorKind.Authentication,
                HttpStatusCode.NotFound => MpkiErrorKind.NotFound,
                HttpStatusCode.Conflict or HttpStatusCode.Gone => MpkiErrorKind.Rejected,
                HttpStatusCode.BadRequest => MpkiErrorKind.InvalidRequest,
                HttpStatusCode.TooManyRequests => MpkiErrorKind.RateLimited,
                _ when status >= 500 => MpkiErrorKind.Unavailable,
                _ => MpkiErrorKind.Protocol,
            };
            throw new MpkiException(kind, $"The enrollment server refused {what} (HTTP {status}): {error?.Message ?? response.ReasonPhrase}")
            {
                VendorCode = error?.Code,
                HttpStatus = status,
            };
        }
    }
}
