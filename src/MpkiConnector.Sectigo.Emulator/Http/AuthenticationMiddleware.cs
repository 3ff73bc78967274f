using System.Security.Cryptography;
using System.Text;
using MpkiConnector.Sectigo.Emulator.Issuance;

namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>
/// Tells the surface by the credentials. Admin Operations: <c>Authorization: Bearer</c> with a token of the token endpoint
/// (unknown or expired: 401 with <c>WWW-Authenticate</c>). Classic: header authentication (<c>login</c>, <c>password</c>,
/// <c>customerUri</c>); under <c>/private/api</c> (client certificate authentication) the password is not required, and
/// the TLS client certificate itself is not checked.
/// </summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next, EmulatorRuntime runtime, TimeProvider time)
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
        if (EmulatorRuntime.BearerToken(context) is { } token)
        {
            await BearerAsync(context, token);
            return;
        }

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

        await AdmitAsync(context, new ScmCaller(customer, account, account.Behavior ?? runtime.Options.Behavior));
    }

    private async Task BearerAsync(HttpContext context, string token)
    {
        var grant = runtime.FindToken(token);
        var customer = grant is null ? null : runtime.FindCustomer(grant.CustomerUri);
        var account = runtime.FindAccount(customer, grant?.Login);
        if (grant is null || customer is null || account is null || grant.ExpiresAt <= time.GetUtcNow())
        {
            var authority = new Uri(runtime.BaseAddress ?? new Uri("http://127.0.0.1/"), TokenEndpoint.Path.TrimStart('/'));
            var reason = grant is null ? "The access token is unknown." : "The access token expired.";
            context.Response.Headers.WWWAuthenticate =
                $"Bearer realm=\"apiclients\", authorization_uri=\"{authority}\", error=\"invalid_token\", error_description=\"{reason}\"";
            await ScmResults.WriteErrorAsync(context, 401, -16, reason);
            return;
        }

        await AdmitAsync(context, new ScmCaller(customer, account, account.Behavior ?? runtime.Options.Behavior, ApiSurface.Admin));
    }

    private async Task AdmitAsync(HttpContext context, ScmCaller caller)
    {
        var path = context.Request.Path;
        if (caller.Account.PasswordChangeRequired && caller.Surface == ApiSurface.Classic)
        {
            await ScmResults.WriteErrorAsync(context, runtime.Options.Errors.PasswordChangeRequired, caller.Account.Login);
            return;
        }

        if (!caller.Account.ClientCertificatePrivilege
            && (path.StartsWithSegments("/api/smime", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/api/device", StringComparison.OrdinalIgnoreCase)))
        {
            await ScmResults.WriteErrorAsync(context, runtime.Options.Errors.NoClientCertificatePrivilege, caller.Account.Login);
            return;
        }

        context.Items[ScmCaller.ItemKey] = caller;

        // The CA's own clock: whatever the call, it sees every order of the customer that is due as issued (or declined).
        await context.RequestServices.GetRequiredService<CertificateIssuer>().AdvanceAsync(caller.Customer, context.RequestAborted);
        await next(context);
    }

    private static bool PasswordMatches(string? given, string expected) =>
        given is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
