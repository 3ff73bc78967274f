using System.Net;
using Microsoft.Extensions.Options;

namespace MpkiConnector.Sectigo;

/// <summary>Checks one named <see cref="SectigoOptions"/> at start; every message names the setting.</summary>
internal sealed class SectigoOptionsValidator(string name) : IValidateOptions<SectigoOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, SectigoOptions options)
    {
        if (!string.Equals(optionsName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = Check(name, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(string name, SectigoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Fail(string setting, string what) => failures.Add($"Sectigo account '{name}': {setting} {what}");

        if (options.BaseUrl is null || !options.BaseUrl.IsAbsoluteUri)
        {
            Fail("BaseUrl", "must be an absolute URL such as https://cert-manager.com/.");
        }
        else if (options.BaseUrl.Scheme != Uri.UriSchemeHttps && !(options.BaseUrl.Scheme == Uri.UriSchemeHttp && IsLoopback(options.BaseUrl)))
        {
            Fail("BaseUrl", $"'{options.BaseUrl}' is refused: only https is allowed (plain http only for a loopback address such as the local emulator), because the password travels in a header.");
        }

        if (!Enum.IsDefined(options.Auth))
        {
            Fail("Auth", $"must be one of {string.Join(", ", Enum.GetNames<SectigoAuthMode>())}.");
        }
        else if (options.Auth == SectigoAuthMode.OAuth2)
        {
            CheckOAuth2(options, Fail);
            return CheckRest(name, options, failures, Fail);
        }
        else if (options.Auth == SectigoAuthMode.ClientCertificate && string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            Fail("ClientCertificatePath", "is required with Auth = ClientCertificate: a PKCS#12 file with the admin's client certificate.");
        }

        if (string.IsNullOrWhiteSpace(options.CustomerUri))
        {
            Fail("CustomerUri", "is required: the last part of the portal login URL https://cert-manager.com/customer/<customerUri>.");
        }

        if (string.IsNullOrWhiteSpace(options.Login))
        {
            Fail("Login", "is required: the SCM admin login.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            if (string.IsNullOrEmpty(options.Password))
            {
                Fail("Password", "is required (or set ClientCertificatePath for client-certificate authentication).");
            }
        }
        else if (!File.Exists(options.ClientCertificatePath))
        {
            Fail("ClientCertificatePath", $"'{options.ClientCertificatePath}' does not exist.");
        }

        return CheckRest(name, options, failures, Fail);
    }

    private static void CheckOAuth2(SectigoOptions options, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            fail("ClientId", "is required with Auth = OAuth2: the client id of the admin's API key (SCM: Settings > Admins > API Keys).");
        }

        if (string.IsNullOrEmpty(options.EffectiveClientSecret))
        {
            fail("ClientSecret", string.IsNullOrWhiteSpace(options.ClientSecretVariable)
                ? "is required with Auth = OAuth2 (or name an environment variable in ClientSecretVariable)."
                : $"is required with Auth = OAuth2: the environment variable '{options.ClientSecretVariable}' is empty.");
        }

        if (options.TokenUrl is null || !options.TokenUrl.IsAbsoluteUri)
        {
            fail("TokenUrl", "must be an absolute URL such as " + SectigoOptions.DefaultTokenUrl + ".");
        }
        else if (options.TokenUrl.Scheme != Uri.UriSchemeHttps && !(options.TokenUrl.Scheme == Uri.UriSchemeHttp && IsLoopback(options.TokenUrl)))
        {
            fail("TokenUrl", $"'{options.TokenUrl}' is refused: only https is allowed (plain http only for a loopback address), because the client secret travels in it.");
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero)
        {
            fail("TokenRefreshMargin", "must not be negative.");
        }
    }

    private static List<string> CheckRest(string name, SectigoOptions options, List<string> failures, Action<string, string> fail)
    {
        void Fail(string setting, string what) => fail(setting, what);

        if (!string.IsNullOrWhiteSpace(options.OrganizationId) && (!int.TryParse(options.OrganizationId, out var org) || org < 1))
        {
            Fail("OrganizationId", $"'{options.OrganizationId}' must be a positive number (see 'mpki provider discover {name}').");
        }

        if (options.TermDays is < 1)
        {
            Fail("TermDays", $"{options.TermDays} must be at least 1 day.");
        }

        if (SectigoNameSplitter.Check(options.FullNamePattern) is { } pattern)
        {
            failures.Add($"Sectigo account '{name}': {pattern}");
        }

        if (!Enum.IsDefined(options.MissingDisplayName))
        {
            Fail("MissingDisplayName", $"must be one of {string.Join(", ", Enum.GetNames<SectigoMissingDisplayNamePolicy>())}.");
        }

        if (!Enum.IsDefined(options.PersonValidationType))
        {
            Fail("PersonValidationType", $"must be one of {string.Join(", ", Enum.GetNames<SectigoPersonValidationType>())}.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            Fail("AttemptTimeout", "must be positive.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            Fail("MaxRetries", "must be between 0 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.MaxRetryDelay < TimeSpan.Zero)
        {
            Fail("RetryBaseDelay/MaxRetryDelay", "must not be negative.");
        }

        if (options.CircuitBreakerFailures < 1)
        {
            Fail("CircuitBreakerFailures", "must be at least 1.");
        }

        if (options.CircuitBreakDuration <= TimeSpan.Zero)
        {
            Fail("CircuitBreakDuration", "must be positive.");
        }

        if (options.DiscoveryCacheDuration < TimeSpan.Zero)
        {
            Fail("DiscoveryCacheDuration", "must not be negative.");
        }

        return failures;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
