using System.Text.RegularExpressions;

namespace MpkiConnector.Sectigo;

/// <summary>Splits a display name into the first and last name SCM requires, with the configured pattern and fallback.</summary>
internal sealed class SectigoNameSplitter
{
    private const int MaxNameLength = 64;
    private readonly Regex _pattern;
    private readonly SectigoMissingDisplayNamePolicy _policy;

    public SectigoNameSplitter(string pattern, SectigoMissingDisplayNamePolicy policy)
    {
        _pattern = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        _policy = policy;
    }

    /// <summary>Compiles the pattern and checks its groups; the error text for option validation, or null.</summary>
    public static string? Check(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "FullNamePattern is empty.";
        }

        try
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var names = regex.GetGroupNames();
            if (!names.Contains("GN") || !names.Contains("SN"))
            {
                return $"FullNamePattern '{pattern}' must have the named groups GN (first name) and SN (last name), as in '{SectigoOptions.DefaultFullNamePattern}'.";
            }

            return null;
        }
        catch (ArgumentException ex)
        {
            return $"FullNamePattern '{pattern}' is not a valid regular expression: {ex.Message}";
        }
    }

    public (string FirstName, string LastName) Split(string? displayName, string email)
    {
        var name = displayName?.Trim().Trim('"').Trim();
        if (!string.IsNullOrEmpty(name))
        {
            try
            {
                var match = _pattern.Match(name);
                var first = match.Groups["GN"].Value.Trim();
                var last = match.Groups["SN"].Value.Trim();
                if (match.Success && first.Length > 0 && last.Length > 0)
                {
                    return (Cut(first), Cut(last));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // fall through to the fallback
            }
        }

        var at = email.LastIndexOf('@');
        var local = at > 0 ? email[..at] : email;
        var domain = at > 0 ? email[(at + 1)..] : email;
        switch (_policy)
        {
            case SectigoMissingDisplayNamePolicy.Address:
                return (Cut(local), Cut(domain));
            case SectigoMissingDisplayNamePolicy.Reject:
                throw new MpkiException(
                    MpkiErrorKind.InvalidRequest,
                    $"The sender {email} has no display name that matches FullNamePattern, and MissingDisplayName is Reject.")
                {
                    Remediation = "Give the sender a display name, or set MissingDisplayName to LocalPart or Address.",
                };
            default:
                var separator = local.IndexOfAny(['.', '_', '-']);
                if (separator > 0 && separator < local.Length - 1)
                {
                    return (Cut(local[..separator]), Cut(local[(separator + 1)..]));
                }

                return (Cut(local), Cut(local));
        }
    }

    private static string Cut(string value) => value.Length <= MaxNameLength ? value : value[..MaxNameLength];
}
