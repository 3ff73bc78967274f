namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>
/// Gives every status of 400 or more SCM's <c>{code, description}</c> body: unreadable requests (400, 415), unhandled
/// failures (500), and the routing answers that carry no body of their own (404 unknown path, 405 wrong method).
/// </summary>
internal sealed class ScmErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            if (ex.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                await ScmResults.WriteErrorAsync(context, 415, -1, "Unsupported media type: send the body as application/json.");
            }
            else
            {
                await ScmResults.WriteErrorAsync(context, 400, -1, "The request body could not be read (malformed JSON or wrong field type).");
            }

            return;
        }
        catch (Exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            await ScmResults.WriteErrorAsync(context, 500, -2, "Internal error. Please contact Support for details.");
            throw;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null or 0
            && context.Response.ContentType is null && !context.RequestAborted.IsCancellationRequested)
        {
            var (code, description) = context.Response.StatusCode switch
            {
                404 => (-1, $"Not found: {context.Request.Path}."),
                405 => (-1, $"Method {context.Request.Method} is not supported on {context.Request.Path}."),
                415 => (-1, "Unsupported media type: send the body as application/json."),
                var status => (-1, $"HTTP {status}."),
            };
            await ScmResults.WriteErrorAsync(context, context.Response.StatusCode, code, description);
        }
    }
}
