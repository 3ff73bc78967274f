namespace MpkiConnector.Sectigo.SelfEnrollment;

/// <summary>
/// A one-time enrollment link, as the self-enrollment form hands it to the local client:
/// <c>mpki-enroll:?server=URL-ENCODED-BASE&amp;token=TOKEN</c>. The token is the link's only credential: it is never
/// printed (<see cref="ToString"/> shows the server only).
/// </summary>
public sealed class EnrollmentLink
{
    /// <summary>The URL scheme of enrollment links (registered with the desktop by <c>config/desktop/mpki-enroll.desktop</c>).</summary>
    public const string Scheme = "mpki-enroll";

    private EnrollmentLink(Uri server, string token)
    {
        Server = server;
        Token = token;
    }

    /// <summary>The base address of the enrollment server (the CA's portal), with a trailing slash.</summary>
    public Uri Server { get; }

    /// <summary>The one-time token.</summary>
    internal string Token { get; }

    /// <summary>Parses a link; a malformed one is an <see cref="MpkiException"/> of kind <see cref="MpkiErrorKind.Configuration"/>.</summary>
    /// <param name="text">The link text (from the page, or from the browser through the URL scheme handler).</param>
    public static EnrollmentLink Parse(string text) =>
        TryParse(text, out var link, out var problem) ? link : throw new MpkiException(MpkiErrorKind.Configuration, problem);

    /// <summary>Parses a link without throwing.</summary>
    /// <param name="text">The link text.</param>
    /// <param name="link">The link, when it parses.</param>
    /// <param name="problem">What is wrong with it, when it does not.</param>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EnrollmentLink? link, out string problem)
    {
        link = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (!trimmed.StartsWith(Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"an enrollment link starts with '{Scheme}:' (copy it from the enrollment page)";
            return false;
        }

        var rest = trimmed[(Scheme.Length + 1)..].TrimStart('/');
        var query = rest.StartsWith('?') ? rest[1..] : rest;
        string? server = null;
        string? token = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (string.Equals(name, "server", StringComparison.OrdinalIgnoreCase))
            {
                server = value;
            }
            else if (string.Equals(name, "token", StringComparison.OrdinalIgnoreCase))
            {
                token = value;
            }
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("http" or "https"))
        {
            problem = "the enrollment link names no http(s) server (copy the whole link from the enrollment page)";
            return false;
        }

        if (string.IsNullOrWhiteSpace(token) || token.Length < 16)
        {
            problem = "the enrollment link carries no token (copy the whole link from the enrollment page)";
            return false;
        }

        link = new EnrollmentLink(serverUri.AbsoluteUri.EndsWith('/') ? serverUri : new Uri(serverUri.AbsoluteUri + "/"), token);
        problem = string.Empty;
        return true;
    }

    /// <summary>The link without its token: <c>mpki-enroll: link to SERVER</c>.</summary>
    public override string ToString() => $"{Scheme}: link to {Server}";
}
