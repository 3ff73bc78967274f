using System.Net;
using System.Text;

namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages;

/// <summary>
/// The pages' HTML: one layout (language, title, one <c>h1</c>, a main landmark), forms with labels and the session's
/// anti-forgery token, and errors tied to their field (<c>aria-describedby</c>, <c>aria-invalid</c>). No JavaScript.
/// </summary>
internal static class EnrollmentHtml
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f23}" +
        "header{background:#1d3557;color:#fff;padding:14px 32px;font-weight:600}" +
        "main{max-width:640px;margin:32px auto;background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 1px 3px #0002}" +
        "label{display:block;font-weight:600;margin:16px 0 4px}input[type=text],input[type=email],input[type=password],select" +
        "{width:100%;padding:8px;font-size:1rem;box-sizing:border-box}" +
        "button,.button{margin-top:20px;padding:10px 18px;font-size:1rem;background:#1d6fd8;color:#fff;border:0;border-radius:4px;text-decoration:none;display:inline-block}" +
        ".error{color:#b00020;font-weight:600}[aria-invalid=true]{border:2px solid #b00020}" +
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px;border-bottom:1px solid #ddd}" +
        ".hint{color:#555}textarea{width:100%;font-family:monospace}";

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A whole page.</summary>
    public static IResult Page(string title, string body, int status = 200) => Results.Content(
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)} - Certificate enrollment</title><style>{Style}</style></head>
        <body><header>Certificate enrollment (SCM emulator)</header>
        <main><h1>{Encode(title)}</h1>
        {body}
        </main></body></html>
        """,
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);

    /// <summary>A page that says what went wrong and what to do next.</summary>
    public static IResult Problem(string title, string whatHappened, string whatToDo, int status, string? backHref = null, string? backText = null) =>
        Page(title, $"""
            <p role="alert">{Encode(whatHappened)}</p>
            <p><strong>What to do:</strong> {Encode(whatToDo)}</p>
            {(backHref is null ? string.Empty : $"<p><a href=\"{Encode(backHref)}\">{Encode(backText)}</a></p>")}
            """, status);

    /// <summary>A POST form with the session's anti-forgery token.</summary>
    public static string Form(string action, EnrollmentSession session, string fields, string submit) =>
        $"""
        <form method="post" action="{Encode(action)}" novalidate>
        <input type="hidden" name="{EnrollmentSessions.AntiForgeryField}" value="{Encode(session.AntiForgeryToken)}">
        {fields}
        <button type="submit">{Encode(submit)}</button>
        </form>
        """;

    /// <summary>A labelled input; an error is shown under the label and tied to the input.</summary>
    public static string Input(string name, string label, string type = "text", string? value = null, string? error = null, string? hint = null, string? autocomplete = null)
    {
        var describedBy = string.Join(' ', new[] { hint is null ? null : name + "-hint", error is null ? null : name + "-error" }.Where(s => s is not null));
        return $"""
            <label for="{name}">{Encode(label)}</label>
            {(hint is null ? string.Empty : $"<p id=\"{name}-hint\" class=\"hint\">{Encode(hint)}</p>")}
            {(error is null ? string.Empty : $"<p id=\"{name}-error\" class=\"error\">{Encode(error)}</p>")}
            <input type="{type}" id="{name}" name="{name}" value="{Encode(value)}" required{(autocomplete is null ? string.Empty : $" autocomplete=\"{autocomplete}\"")}{(describedBy.Length == 0 ? string.Empty : $" aria-describedby=\"{describedBy}\"")}{(error is null ? string.Empty : " aria-invalid=\"true\"")}>
            """;
    }

    /// <summary>A labelled select.</summary>
    public static string Select(string name, string label, IEnumerable<(string Value, string Text)> options, string? selected)
    {
        var items = string.Concat(options.Select(o =>
            $"<option value=\"{Encode(o.Value)}\"{(o.Value == selected ? " selected" : string.Empty)}>{Encode(o.Text)}</option>"));
        return $"<label for=\"{name}\">{Encode(label)}</label><select id=\"{name}\" name=\"{name}\">{items}</select>";
    }
}
