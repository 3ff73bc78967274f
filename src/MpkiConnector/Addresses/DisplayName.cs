using System.Globalization;
using System.Text;

namespace MpkiConnector;

/// <summary>
/// Makes a mail display name fit for a certificate's common name: control characters, Unicode format characters
/// (bidirectional overrides and isolates, zero-width characters) are dropped, runs of white space (line breaks
/// included) become one space, and the result is cut to <see cref="MaxLength"/> characters (never inside a surrogate pair).
/// </summary>
public static class DisplayName
{
    /// <summary>The longest common name (RFC 5280 ub-common-name).</summary>
    public const int MaxLength = 64;

    /// <summary>The cleaned name, or <see langword="null"/> when nothing usable remains.</summary>
    public static string? Sanitize(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(displayName.Length, MaxLength * 2));
        var space = false;
        foreach (var c in displayName)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        var length = Math.Min(builder.Length, MaxLength);
        if (length < builder.Length && char.IsHighSurrogate(builder[length - 1]))
        {
            length--;
        }

        var name = builder.ToString(0, length).TrimEnd();
        return name.Length == 0 ? null : name;
    }
}
