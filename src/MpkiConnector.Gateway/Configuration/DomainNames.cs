using System.Globalization;

namespace MpkiConnector.Gateway.Configuration;

/// <summary>Normalises mail domains to the form they are compared in: lower case ASCII (IDN converted), no trailing dot.</summary>
public static class DomainNames
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>Normalises <paramref name="domain"/>; <see langword="null"/> when it is not a valid domain name.</summary>
    public static string? TryNormalize(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var trimmed = domain.Trim().TrimEnd('.');
        if (trimmed.Length == 0 || trimmed.Contains('@', StringComparison.Ordinal) || !trimmed.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Idn.GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The normalised domain of an e-mail address, or <see langword="null"/>.</summary>
    public static string? OfAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        return at <= 0 || at == address.Length - 1 ? null : TryNormalize(address[(at + 1)..]);
    }

    /// <summary>The address in the form it is stored under: local part as given (lower case), domain normalised; <see langword="null"/> when invalid.</summary>
    public static string? NormalizeAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0)
        {
            return null;
        }

        var domain = OfAddress(trimmed);
        return domain is null ? null : string.Concat(trimmed[..at].ToLowerInvariant(), "@", domain);
    }
}
