namespace MpkiConnector;

/// <summary>A device (host) name for a device certificate: a fully qualified DNS name, IDN converted to ASCII, lower case.</summary>
public static class DeviceName
{
    /// <summary>Checks and normalises a device name.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.InvalidRequest"/>, saying what is wrong.</exception>
    public static string Normalize(string? name)
    {
        if (TryNormalize(name, out var result, out var error))
        {
            return result;
        }

        throw new MpkiException(MpkiErrorKind.InvalidRequest, error);
    }

    /// <summary>Checks and normalises a device name without throwing.</summary>
    public static bool TryNormalize(
        string? name,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? result,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "The device name is empty.";
            return false;
        }

        var text = name.Trim();
        var shown = EmailAddress.Describe(text);
        if (text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            error = $"The device name {shown} contains a control character or white space.";
            return false;
        }

        if (text.Contains('@', StringComparison.Ordinal) || text.Contains(',', StringComparison.Ordinal) || text.Contains('*', StringComparison.Ordinal))
        {
            error = $"The device name {shown} is not a host name ('@', ',' and wildcards are not allowed).";
            return false;
        }

        var problem = DomainName.Check(text, out var ascii);
        if (problem is not null)
        {
            error = $"The device name {shown} is invalid: {problem}";
            return false;
        }

        result = ascii!;
        error = null;
        return true;
    }
}
