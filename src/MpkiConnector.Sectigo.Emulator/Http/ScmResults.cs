using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;

namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>SCM-shaped error answers.</summary>
internal static class ScmResults
{
    public static IResult Error(int status, int code, string description) =>
        Results.Json(new ErrorBody(code, description), statusCode: status);

    public static IResult Error(EmulatorErrorAnswer answer, string? subject = null) =>
        Error(answer.Status, answer.Code, answer.Format(subject));

    public static Task WriteErrorAsync(HttpContext context, EmulatorErrorAnswer answer, string? subject = null) =>
        WriteErrorAsync(context, answer.Status, answer.Code, answer.Format(subject));

    public static Task WriteErrorAsync(HttpContext context, int status, int code, string description)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(code, description), context.RequestAborted);
    }

    public static ScmCaller Caller(this HttpContext context) =>
        context.Items[ScmCaller.ItemKey] as ScmCaller
        ?? throw new InvalidOperationException("The request was not authenticated.");

    public static IResult NotFoundOrder(long id) => Error(400, -1104, $"Invalid order number {id}");

    public static IResult Invalid(string field) => Error(400, -1601, $"Field '{field}' has invalid value.");

    public static IResult Missing(string field) => Error(400, -7, $"{field} is required but missing.");
}
