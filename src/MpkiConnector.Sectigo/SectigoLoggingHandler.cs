using Microsoft.Extensions.Logging;

namespace MpkiConnector.Sectigo;

/// <summary>
/// Logs each HTTP attempt as method, path, status and duration; never a header (the <c>password</c> header is
/// a secret). It replaces the default HttpClient logging, which is removed for SCM clients.
/// </summary>
internal sealed class SectigoLoggingHandler(string accountName, ILogger logger, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            SectigoLog.HttpCall(logger, accountName, request.Method.Method, path, (int)response.StatusCode, (long)time.GetElapsedTime(start).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            SectigoLog.HttpCallFailed(logger, accountName, request.Method.Method, path, (long)time.GetElapsedTime(start).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }
}
