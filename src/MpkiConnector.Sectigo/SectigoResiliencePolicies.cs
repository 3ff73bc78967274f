using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Extensions.Http;
using Polly.Timeout;

namespace MpkiConnector.Sectigo;

/// <summary>
/// The Polly policies of one SCM account (one instance per account so that each has its own circuit breaker):
/// idempotent calls get retry (exponential backoff with jitter, honouring Retry-After) around a circuit breaker
/// around a per-try timeout; other calls (enroll, renew, revoke) get only the breaker and the timeout.
/// </summary>
internal sealed class SectigoResiliencePolicies
{
    private readonly SectigoOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _accountName;

    public SectigoResiliencePolicies(string accountName, SectigoOptions options, TimeProvider time, ILogger logger)
    {
        _accountName = accountName;
        _options = options;
        _time = time;
        _logger = logger;

        var timeout = Policy.TimeoutAsync<HttpResponseMessage>(options.AttemptTimeout, TimeoutStrategy.Optimistic);
        var breaker = HttpPolicyExtensions.HandleTransientHttpError()
            .Or<TimeoutRejectedException>()
            .CircuitBreakerAsync(
                options.CircuitBreakerFailures,
                options.CircuitBreakDuration,
                onBreak: (_, duration) => SectigoLog.CircuitOpened(_logger, _accountName, duration),
                onReset: () => SectigoLog.CircuitClosed(_logger, _accountName));
        var retry = HttpPolicyExtensions.HandleTransientHttpError()
            .OrResult(r => r.StatusCode == HttpStatusCode.TooManyRequests)
            .Or<TimeoutRejectedException>()
            .WaitAndRetryAsync(
                options.MaxRetries,
                sleepDurationProvider: (attempt, outcome, _) => Delay(attempt, outcome.Result),
                onRetryAsync: (outcome, delay, attempt, _) =>
                {
                    var status = outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : outcome.Exception?.GetType().Name ?? "error";
                    SectigoLog.Retrying(_logger, _accountName, attempt, status, delay);
                    outcome.Result?.Dispose();
                    return Task.CompletedTask;
                });

        NonIdempotent = Policy.WrapAsync(breaker, timeout);
        Idempotent = Policy.WrapAsync(retry, breaker, timeout);
    }

    /// <summary>For GET, HEAD, PUT, DELETE, OPTIONS.</summary>
    public IAsyncPolicy<HttpResponseMessage> Idempotent { get; }

    /// <summary>For POST (enroll, renew, revoke, person create): never retried blindly.</summary>
    public IAsyncPolicy<HttpResponseMessage> NonIdempotent { get; }

    public IAsyncPolicy<HttpResponseMessage> For(HttpRequestMessage request) =>
        IsIdempotent(request.Method) ? Idempotent : NonIdempotent;

    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

    private TimeSpan Delay(int attempt, HttpResponseMessage? response)
    {
        var max = _options.MaxRetryDelay;
        if (response?.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _time.GetUtcNow() : TimeSpan.Zero);
            if (wait < TimeSpan.Zero)
            {
                wait = TimeSpan.Zero;
            }

            return wait > max ? max : wait;
        }

        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
#pragma warning disable CA5394 // jitter, not security
        var jittered = exponential * (0.75 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
        var delay = TimeSpan.FromMilliseconds(jittered);
        return delay > max ? max : delay;
    }
}
