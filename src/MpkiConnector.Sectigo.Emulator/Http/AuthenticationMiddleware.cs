using System.Security.Cryptography;
using System.Text;

namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>
/// Classic header authentication (<c>login</c>, <c>password</c>, <c>customerUri</c>). Under <c>/private/api</c> (client
/// certificate authentication) the password is not required; the TLS client certificate itself is not checked.
/// </summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next, EmulatorRuntime runtime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var errors = runtime.Options.Errors;
        var customerUri = RequestLoggingMiddleware.Header(context, "customerUri");
        var customer = runtime.FindCustomer(customerUri);
        if (customer is null)
        {
            await ScmResults.WriteErrorAsync(context, errors.CustomerNotFound, customerUri);
            return;
        }

        var login = RequestLoggingMiddleware.Header(context, "login");
        var account = runtime.FindAccount(customer, login);
        if (account is null)
        {
            await ScmResults.WriteErrorAsync(context, errors.UnknownUser, login);
            return;
        }

        var clientCertificatePath = context.Request.PathBase.StartsWithSegments("/private", StringComparison.OrdinalIgnoreCase);
        if (!clientCertificatePath && !PasswordMatches(RequestLoggingMiddleware.Header(context, "password"), account.Password))
        {
            await ScmResults.WriteErrorAsync(context, errors.IncorrectCredentials, login);
            return;
        }

        if (account.PasswordChangeRequired)
        {
            await ScmResults.WriteErrorAsync(context, errors.PasswordChangeRequired, login);
            return;
        }

        if (!account.ClientCertificatePrivilege
            && (path.StartsWithSegments("/api/smime", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/api/device", StringComparison.OrdinalIgnoreCase)))
        {
            await ScmResults.WriteErrorAsync(context, errors.NoClientCertificatePrivilege, login);
            return;
        }

        context.Items[ScmCaller.ItemKey] = new ScmCaller(customer, account, account.Behavior ?? runtime.Options.Behavior);
        await next(context);
    }

    private static bool PasswordMatches(string? given, string expected) =>
        given is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
