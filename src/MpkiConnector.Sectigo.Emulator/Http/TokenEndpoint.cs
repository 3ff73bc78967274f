using System.Security.Cryptography;
using System.Text;
using MpkiConnector.Sectigo.Emulator.Api;

namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>
/// The OAuth2 token endpoint of the Admin Operations API, at the documented path
/// (<c>/auth/realms/apiclients/protocol/openid-connect/token</c>): the client-credentials grant, form-encoded, with the
/// client in the form or in HTTP Basic. Answers <c>{access_token, expires_in, token_type}</c>.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/auth/realms/apiclients/protocol/openid-connect/token";

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) => app.MapPost(Path, IssueAsync);

    private static async Task<IResult> IssueAsync(HttpContext context, EmulatorRuntime runtime, TimeProvider time)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!string.Equals(form["grant_type"], "client_credentials", StringComparison.Ordinal))
        {
            return Error(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }

        var (clientId, clientSecret) = BasicCredentials(context) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        var match = runtime.Options.Customers
            .SelectMany(c => c.Accounts.Select(a => (Customer: c, Account: a)))
            .FirstOrDefault(x => x.Account.ClientId is not null && string.Equals(x.Account.ClientId, clientId, StringComparison.Ordinal));
        if (match.Account is null || !SecretMatches(clientSecret, match.Account.ClientSecret))
        {
            return Error(401, "invalid_client", "Invalid client or Invalid client credentials");
        }

        var lifetime = TimeSpan.FromSeconds(runtime.Options.TokenLifetimeSeconds);
        var token = runtime.IssueToken(match.Customer.CustomerUri, match.Account.Login, time.GetUtcNow() + lifetime);
        return Results.Json(new TokenResponse(token, (int)lifetime.TotalSeconds, "Bearer", "profile email"));
    }

    /// <summary>An OAuth2 error; it also carries SCM's <c>{code, description}</c>, as every error answer of the emulator does.</summary>
    private static IResult Error(int status, string error, string description) =>
        Results.Json(new TokenErrorResponse(error, description, status == 401 ? -16 : -1, description), statusCode: status);

    private static (string, string)? BasicCredentials(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (Uri.UnescapeDataString(text[..colon]), Uri.UnescapeDataString(text[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool SecretMatches(string? given, string? expected) =>
        given is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
