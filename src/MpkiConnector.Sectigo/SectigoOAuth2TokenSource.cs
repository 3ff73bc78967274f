using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpkiConnector.Sectigo;

/// <summary>
/// The OAuth2 client-credentials flow of the Admin Operations API: fetches an access token from
/// <see cref="SectigoOptions.TokenUrl"/>, caches it, and fetches a new one <see cref="SectigoOptions.TokenRefreshMargin"/>
/// before it expires (or at once after <see cref="Invalidate"/>, when SCM answered 401). The secret is sent in the form
/// body only; it never appears in a log or an exception.
/// </summary>
internal sealed class SectigoOAuth2TokenSource(
    SectigoAccountIdentity identity, SectigoOptions options, IHttpClientFactory httpClientFactory, string httpClientName, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    /// <summary>A valid access token: the cached one, or a fresh one.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_token is { } cached && time.GetUtcNow() < _renewAt)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } again && time.GetUtcNow() < _renewAt)
            {
                return again;
            }

            var (token, lifetime) = await FetchAsync(cancellationToken).ConfigureAwait(false);
            var margin = options.TokenRefreshMargin < lifetime ? options.TokenRefreshMargin : lifetime / 2;
            _token = token;
            _renewAt = time.GetUtcNow() + lifetime - margin;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (SCM refused it): the next call fetches a new one.</summary>
    public void Invalidate(string refusedToken)
    {
        if (string.Equals(_token, refusedToken, StringComparison.Ordinal))
        {
            _token = null;
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId ?? string.Empty,
                ["client_secret"] = options.EffectiveClientSecret ?? string.Empty,
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(httpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new MpkiException(MpkiErrorKind.Unavailable,
                $"Sectigo account '{identity.AccountName}': getting an OAuth2 token failed: could not reach {options.TokenUrl.Host} ({identity.Redact(ex.Message)}).", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                throw new MpkiException(MpkiErrorKind.Authentication,
                    $"Sectigo account '{identity.AccountName}': the token endpoint {options.TokenUrl.Host} refused client id '{options.ClientId}' (HTTP {(int)response.StatusCode}{OAuthError(body)}).")
                {
                    HttpStatus = (int)response.StatusCode,
                    Remediation = "Check ClientId and ClientSecret: the API key of an admin in SCM (Settings > Admins > API Keys); a new key replaces the old secret.",
                };
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new MpkiException(MpkiErrorKind.Unavailable,
                    $"Sectigo account '{identity.AccountName}': the token endpoint {options.TokenUrl.Host} answered HTTP {(int)response.StatusCode}.")
                {
                    HttpStatus = (int)response.StatusCode,
                };
            }

            try
            {
                var answer = JsonSerializer.Deserialize<TokenAnswer>(body);
                if (string.IsNullOrEmpty(answer?.AccessToken))
                {
                    throw new JsonException("no access_token");
                }

                return (answer.AccessToken, TimeSpan.FromSeconds(answer.ExpiresIn is > 0 ? answer.ExpiresIn.Value : 60));
            }
            catch (JsonException ex)
            {
                throw new MpkiException(MpkiErrorKind.Protocol,
                    $"Sectigo account '{identity.AccountName}': the token endpoint {options.TokenUrl.Host} answered without an access token.", ex);
            }
        }
    }

    private static string OAuthError(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? ", " + error.GetString()
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private sealed class TokenAnswer
    {
        [JsonPropertyName("access_token")]
        public string? AccessToken { get; set; }

        [JsonPropertyName("expires_in")]
        public int? ExpiresIn { get; set; }
    }
}
