using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages;

/// <summary>
/// The self-enrollment sessions: a random id in an HttpOnly, SameSite=Strict cookie scoped to the form's path, and a
/// per-session anti-forgery token that every POST must carry (a forged cross-site form has neither).
/// </summary>
internal sealed class EnrollmentSessions(TimeProvider time)
{
    public const string CookieName = "mpki-enroll-session";
    public const string AntiForgeryField = "csrf";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, EnrollmentSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>The browser's session on this form, or null.</summary>
    public EnrollmentSession? Find(HttpContext context, string uriExtension)
    {
        var id = context.Request.Cookies[CookieName];
        return id is not null && _sessions.TryGetValue(id, out var session)
            && session.ExpiresAt > time.GetUtcNow()
            && string.Equals(session.UriExtension, uriExtension, StringComparison.OrdinalIgnoreCase)
            ? session
            : null;
    }

    /// <summary>The browser's session, or a new one (set as a cookie).</summary>
    public EnrollmentSession GetOrStart(HttpContext context, string uriExtension) => Find(context, uriExtension) ?? Start(context, uriExtension);

    /// <summary>A new session (a fresh id: a link followed again starts over).</summary>
    public EnrollmentSession Start(HttpContext context, string uriExtension)
    {
        foreach (var stale in _sessions.Where(s => s.Value.ExpiresAt <= time.GetUtcNow()).Select(s => s.Key).ToArray())
        {
            _sessions.TryRemove(stale, out _);
        }

        var session = new EnrollmentSession(Random(), Random(), uriExtension, time.GetUtcNow() + Lifetime);
        _sessions[session.Id] = session;
        context.Response.Cookies.Append(CookieName, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/enroll/" + uriExtension,
            MaxAge = Lifetime,
        });
        return session;
    }

    /// <summary>The session of a POST whose form carries the session's anti-forgery token, or null (no session, or forged).</summary>
    public EnrollmentSession? Verify(HttpContext context, string uriExtension, IFormCollection form)
    {
        var session = Find(context, uriExtension);
        var given = form[AntiForgeryField].ToString();
        return session is not null && given.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(session.AntiForgeryToken))
            ? session
            : null;
    }

    private static string Random() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
