using System.Globalization;

namespace MpkiConnector;

/// <summary>
/// One e-mail address, checked and normalised for use in a certificate: a bare <c>local@domain</c> (no display name,
/// no angle brackets, no list), an ASCII local part, the domain converted to its ASCII (IDNA) form, everything in
/// lower case. Every refusal says why, in words an operator understands.
/// </summary>
public sealed class EmailAddress : IEquatable<EmailAddress>
{
    /// <summary>The longest address accepted (RFC 5321 path limit less the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>The longest local part accepted (RFC 5321).</summary>
    public const int MaxLocalPartLength = 64;

    private const string LocalPartSpecials = "!#$%&'*+-/=?^_`{|}~.";

    private EmailAddress(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
        Value = localPart + "@" + domain;
    }

    /// <summary>The local part, lower case ASCII.</summary>
    public string LocalPart { get; }

    /// <summary>The domain, lower case ASCII (an internationalised domain in its <c>xn--</c> form).</summary>
    public string Domain { get; }

    /// <summary>The normalised address, <c>local@domain</c>, lower case ASCII: the key used by the store.</summary>
    public string Value { get; }

    /// <summary>Parses and normalises an address.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.InvalidRequest"/>, saying what is wrong.</exception>
    public static EmailAddress Parse(string? address)
    {
        if (TryParse(address, out var result, out var error))
        {
            return result;
        }

        throw new MpkiException(MpkiErrorKind.InvalidRequest, error);
    }

    /// <summary>Parses and normalises an address; returns the normalised string (<see cref="Value"/>).</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.InvalidRequest"/>, saying what is wrong.</exception>
    public static string Normalize(string? address) => Parse(address).Value;

    /// <summary>Parses and normalises an address without throwing.</summary>
    /// <param name="address">The text to parse.</param>
    /// <param name="result">The address, when valid.</param>
    /// <param name="error">Why it is not valid, when it is not.</param>
    public static bool TryParse(
        string? address,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EmailAddress? result,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        result = null;
        error = Check(address, out var local, out var domain);
        if (error is not null)
        {
            return false;
        }

        result = new EmailAddress(local!, domain!);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(EmailAddress? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EmailAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    private static string? Check(string? input, out string? local, out string? domain)
    {
        local = null;
        domain = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return "The e-mail address is empty.";
        }

        var text = input.Trim();
        var shown = Describe(text);
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                return $"The e-mail address {shown} contains a control character (U+{(int)c:X4}); give one plain address.";
            }
        }

        if (text.Contains(',', StringComparison.Ordinal) || text.Contains(';', StringComparison.Ordinal))
        {
            return $"The e-mail address {shown} is a list of addresses (',' or ';'); give exactly one address.";
        }

        if (text.IndexOfAny(['<', '>', '"', '(', ')']) >= 0)
        {
            return $"The e-mail address {shown} contains a display name, quotes, a comment or angle brackets; give the bare address (local@domain).";
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return $"The e-mail address {shown} contains white space; give one plain address.";
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return $"The e-mail address {shown} has no '@'.";
        }

        if (text.IndexOf('@', at + 1) >= 0)
        {
            return $"The e-mail address {shown} has more than one '@'.";
        }

        var localPart = text[..at];
        var domainPart = text[(at + 1)..];
        if (localPart.Length == 0)
        {
            return $"The e-mail address {shown} has an empty local part (nothing before the '@').";
        }

        if (domainPart.Length == 0)
        {
            return $"The e-mail address {shown} has an empty domain (nothing after the '@').";
        }

        if (localPart.Any(c => c > 0x7F))
        {
            return $"The e-mail address {shown} has a non-ASCII local part; certificate authorities accept only ASCII before the '@'.";
        }

        if (localPart.Length > MaxLocalPartLength)
        {
            return $"The e-mail address {shown} has a local part of {localPart.Length} characters; at most {MaxLocalPartLength} are allowed.";
        }

        foreach (var c in localPart)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !LocalPartSpecials.Contains(c, StringComparison.Ordinal))
            {
                return $"The e-mail address {shown} has the character '{c}' in its local part, which is not allowed.";
            }
        }

        if (localPart.StartsWith('.') || localPart.EndsWith('.') || localPart.Contains("..", StringComparison.Ordinal))
        {
            return $"The e-mail address {shown} has a local part that starts or ends with a dot or holds two dots in a row.";
        }

        var domainError = DomainName.Check(domainPart, out var asciiDomain);
        if (domainError is not null)
        {
            return $"The e-mail address {shown} has an invalid domain: {domainError}";
        }

        var total = localPart.Length + 1 + asciiDomain!.Length;
        if (total > MaxLength)
        {
            return $"The e-mail address {shown} is {total} characters long; at most {MaxLength} are allowed.";
        }

        local = localPart.ToLowerInvariant();
        domain = asciiDomain;
        return null;
    }

    /// <summary>Quotes the input for a message, shortened and with control characters made visible.</summary>
    internal static string Describe(string text)
    {
        var shortened = text.Length > 80 ? text[..77] + "..." : text;
        var builder = new System.Text.StringBuilder(shortened.Length + 2);
        builder.Append('\'');
        foreach (var c in shortened)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('\'').ToString();
    }
}
