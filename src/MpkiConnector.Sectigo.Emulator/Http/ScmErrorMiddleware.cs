namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>Turns unreadable requests and unhandled failures into SCM error bodies.</summary>
internal sealed class ScmErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException) when (!context.Response.HasStarted)
        {
            await ScmResults.WriteErrorAsync(context, 400, -1, "The request body could not be read (malformed JSON or wrong field type).");
        }
        catch (Exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            await ScmResults.WriteErrorAsync(context, 500, -2, "Internal error. Please contact Support for details.");
            throw;
        }
    }
}
