using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace MpkiConnector.Gateway.Configuration;

/// <summary>
/// Catches settings of the wrong shape that the binder would silently read as empty: <c>Domains</c> must be a list of
/// objects (<c>[ { "Domain": "example.com", "Provider": "..." } ]</c>), not one object or a list of strings, and each
/// provider account must be an object.
/// </summary>
internal static class ConfigurationShape
{
    private const string DomainExample = "[ { \"Domain\": \"example.com\", \"Provider\": \"sectigo\" } ]";

    /// <summary>One line per setting of the wrong shape, naming it; empty when the shapes are right.</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        var errors = new List<string>();
        var domains = configuration.GetSection("Domains");
        if (domains.Value is { Length: > 0 } scalar)
        {
            errors.Add($"Domains: '{scalar}' is a single value; write a list of domain entries, e.g. {DomainExample}.");
        }

        foreach (var entry in domains.GetChildren())
        {
            if (!int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"Domains: is an object (it has '{entry.Key}'); write a list of domain entries, e.g. {DomainExample}.");
                break;
            }

            if (entry.Value is not null && !entry.GetChildren().Any())
            {
                errors.Add($"Domains[{entry.Key}]: '{entry.Value}' is a plain value; each domain is an object, e.g. {DomainExample}.");
            }
        }

        foreach (var account in configuration.GetSection("Providers").GetChildren())
        {
            if (account.Value is not null && !account.GetChildren().Any())
            {
                errors.Add($"Providers.{account.Key}: '{account.Value}' is a plain value; each provider account is an object, e.g. {{ \"Type\": \"sectigo\", ... }}.");
            }
        }

        return errors;
    }
}
