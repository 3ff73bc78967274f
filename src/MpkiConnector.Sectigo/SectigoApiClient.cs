using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MpkiConnector.Sectigo.Api;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MpkiConnector.Sectigo;

/// <summary>
/// The SCM REST client of one account. Password: adds <c>login</c>, <c>password</c> and <c>customerUri</c> to every call;
/// ClientCertificate: <c>login</c> and <c>customerUri</c>, and the <c>/private</c> prefix; OAuth2: <c>Authorization: Bearer</c>
/// with a cached token (<see cref="SectigoOAuth2TokenSource"/>; one retry with a fresh token after a 401) and the Admin
/// Operations paths (<see cref="SectigoAdminPaths"/>). Turns transport failures and error bodies into
/// <see cref="MpkiException"/>s. The HttpClient comes from <see cref="IHttpClientFactory"/> (named per account, with its
/// Polly policies).
/// </summary>
internal sealed class SectigoApiClient(
    SectigoAccountIdentity identity,
    SectigoOptions options,
    IHttpClientFactory httpClientFactory,
    string httpClientName,
    TimeProvider? time = null)
{
    private readonly SectigoOAuth2TokenSource? _tokens = options.EffectiveAuth == SectigoAuthMode.OAuth2
        ? new SectigoOAuth2TokenSource(identity, options, httpClientFactory, httpClientName, time ?? TimeProvider.System)
        : null;

    public SectigoAccountIdentity Identity => identity;

    public SectigoOptions Options => options;

    /// <summary>The largest answer read from SCM (16 MiB): a larger one fails the call instead of filling memory.</summary>
    internal const int MaxAnswerBytes = 16 * 1024 * 1024;

    /// <summary>Sends one call; transport failures become <see cref="MpkiErrorKind.Unavailable"/>; any HTTP status is returned as is.</summary>
    public async Task<ScmResponse> SendAsync(HttpMethod method, string path, object? body, string operation, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(method, path, body, operation, cancellationToken).ConfigureAwait(false);
        if (response.Status == 401 && _tokens is not null && response.Token is { } refused)
        {
            // The token may have been revoked or expired early: one more attempt with a fresh one.
            _tokens.Invalidate(refused);
            response = await SendOnceAsync(method, path, body, operation, cancellationToken).ConfigureAwait(false);
        }

        return response.Response;
    }

    private async Task<(ScmResponse Response, int Status, string? Token)> SendOnceAsync(
        HttpMethod method, string path, object? body, string operation, CancellationToken cancellationToken)
    {
        var token = _tokens is null ? null : await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, BuildUri(path));
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("login", options.Login);
            if (options.EffectiveAuth == SectigoAuthMode.Password)
            {
                request.Headers.TryAddWithoutValidation("password", options.Password ?? string.Empty);
            }

            request.Headers.TryAddWithoutValidation("customerUri", options.CustomerUri);
        }

        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ScmJson.Options);
        }

        var client = httpClientFactory.CreateClient(httpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return (new ScmResponse((int)response.StatusCode, response.Headers, response.Content.Headers, bytes), (int)response.StatusCode, token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw Unavailable(operation, $"SCM did not answer within {options.AttemptTimeout.TotalSeconds:0.#} s", ex);
        }
        catch (TaskCanceledException ex)
        {
            throw Unavailable(operation, "SCM did not answer in time", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new MpkiException(MpkiErrorKind.Unavailable, $"Sectigo account '{identity.AccountName}': {operation} not attempted: too many recent failures, calls are paused for {options.CircuitBreakDuration.TotalSeconds:0.#} s.", ex)
            {
                RetryAfter = options.CircuitBreakDuration,
            };
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable(operation, $"could not reach SCM at {options.BaseUrl.Host} ({identity.Redact(ex.Message)})", ex);
        }
        catch (IOException ex)
        {
            throw Unavailable(operation, $"the connection to SCM at {options.BaseUrl.Host} broke ({identity.Redact(ex.Message)})", ex);
        }
    }

    /// <summary>Sends and throws the mapped error for any status of 300 or more.</summary>
    public async Task<ScmResponse> SendCheckedAsync(HttpMethod method, string path, object? body, string operation, CancellationToken cancellationToken)
    {
        var response = await SendAsync(method, path, body, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw ToException(response, operation);
        }

        return response;
    }

    public async Task<T> GetAsync<T>(string path, string operation, CancellationToken cancellationToken)
    {
        var response = await SendCheckedAsync(HttpMethod.Get, path, null, operation, cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(response, operation);
    }

    public async Task<TResult> PostAsync<TResult>(string path, object? body, string operation, CancellationToken cancellationToken)
    {
        var response = await SendCheckedAsync(HttpMethod.Post, path, body, operation, cancellationToken).ConfigureAwait(false);
        return Deserialize<TResult>(response, operation);
    }

    public T Deserialize<T>(ScmResponse response, string operation)
    {
        if (response.Body.Length == 0)
        {
            throw Protocol(operation, $"SCM answered HTTP {response.Status} with an empty body");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, ScmJson.Options)
                ?? throw Protocol(operation, $"SCM answered HTTP {response.Status} with 'null'");
        }
        catch (JsonException ex)
        {
            throw Protocol(operation, $"SCM answered HTTP {response.Status} with malformed JSON ({Snippet(response.Body)})", ex);
        }
    }

    /// <summary>Reads the <c>{code, description}</c> of an error answer; both are null when the body has none.</summary>
    public static (int? Code, string? Description) ReadError(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            int? code = null;
            string? description = null;
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.NameEquals("code"))
                {
                    code = property.Value.ValueKind switch
                    {
                        JsonValueKind.Number when property.Value.TryGetInt32(out var n) => n,
                        JsonValueKind.String when int.TryParse(property.Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
                        _ => null,
                    };
                }
                else if (property.NameEquals("description") && property.Value.ValueKind == JsonValueKind.String)
                {
                    description = property.Value.GetString();
                }
            }

            return (code, description);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    public MpkiException ToException(ScmResponse response, string operation)
    {
        var (code, description) = ReadError(response.Body);
        if (code is null && description is null && response.Body.Length > 0)
        {
            description = "answer without an SCM error body: " + Snippet(response.Body);
        }

        return SectigoErrorMapper.Map(identity, operation, response.Status, code, description, RetryAfter(response));
    }

    private static TimeSpan? RetryAfter(ScmResponse response)
    {
        var value = response.Headers.RetryAfter;
        return value?.Delta;
    }

    private Uri BuildUri(string path)
    {
        var relative = path.TrimStart('/');
        if (options.EffectiveAuth == SectigoAuthMode.OAuth2)
        {
            relative = SectigoAdminPaths.Map(relative);
        }

        var baseUrl = options.BaseUrl;
        if (!baseUrl.AbsoluteUri.EndsWith('/'))
        {
            baseUrl = new Uri(baseUrl.AbsoluteUri + "/");
        }

        if (options.EffectiveAuth == SectigoAuthMode.ClientCertificate && !baseUrl.AbsolutePath.EndsWith("/private/", StringComparison.OrdinalIgnoreCase))
        {
            relative = "private/" + relative;
        }

        return new Uri(baseUrl, relative);
    }

    private string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        var printable = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        var redacted = identity.Redact(printable);
        if (options.EffectiveClientSecret is { Length: > 0 } secret)
        {
            redacted = redacted.Replace(secret, "***", StringComparison.Ordinal);
        }

        return redacted + (body.Length > 200 ? "..." : string.Empty);
    }

    private MpkiException Unavailable(string operation, string what, Exception inner) =>
        new(MpkiErrorKind.Unavailable, $"Sectigo account '{identity.AccountName}': {operation} failed: {what}.", inner);

    private MpkiException Protocol(string operation, string what, Exception? inner = null) =>
        new(MpkiErrorKind.Protocol, $"Sectigo account '{identity.AccountName}': {operation} failed: {what}.", inner);
}
