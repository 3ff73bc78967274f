using System.Globalization;

namespace MpkiConnector;

/// <summary>
/// Checks and normalises DNS names (IDN to ASCII, lower case, label and length limits, no trailing dot): the one parser
/// of mail domains, used by <see cref="EmailAddress"/>, the CSR builder and the gateway's managed domains.
/// </summary>
public static class DomainName
{
    private const int MaxLength = 253;
    private const int MaxLabelLength = 63;
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>The name in its compared form (lower-case ASCII, IDN converted, no trailing dot); <see langword="null"/> when it is refused.</summary>
    public static string? TryNormalize(string? name) =>
        string.IsNullOrWhiteSpace(name) || Check(name.Trim(), out var ascii) is not null ? null : ascii;

    /// <summary>Returns null and the ASCII lower-case form, or the reason the name is refused.</summary>
    public static string? Check(string name, out string? ascii)
    {
        ArgumentNullException.ThrowIfNull(name);
        ascii = null;
        if (name.StartsWith('[') || name.EndsWith(']'))
        {
            return "address literals ([...]) are not accepted; give a domain name.";
        }

        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (name.Length == 0)
        {
            return "the name is empty.";
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.StartsWith('.'))
        {
            return "it has an empty label (two dots in a row or a leading dot).";
        }

        string converted;
        try
        {
            converted = Idn.GetAscii(name);
        }
        catch (ArgumentException)
        {
            return "it is not a valid (internationalised) domain name: only letters, digits and '-' are allowed in each label, and a label may not start or end with '-'.";
        }

        converted = converted.ToLowerInvariant();
        if (converted.Length > MaxLength)
        {
            return $"it is {converted.Length} characters long in ASCII form; at most {MaxLength} are allowed.";
        }

        var labels = converted.Split('.');
        if (labels.Length < 2)
        {
            return "it is not fully qualified (it needs at least one dot, as in example.com).";
        }

        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                return "it has an empty label.";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"a label is {label.Length} characters long; at most {MaxLabelLength} are allowed.";
            }

            if (label.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
            {
                return "only letters, digits and '-' are allowed in each label.";
            }
        }

        ascii = converted;
        return null;
    }
}
