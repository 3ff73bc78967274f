using System.Net.Mail;
using MpkiConnector.Sectigo.Emulator.Enrollment;
using MpkiConnector.Sectigo.Emulator.Storage;
using static MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages.EnrollmentHtml;

namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages;

/// <summary>How a person gets in: the welcome page, e-mail confirmation, the invitation link, Person Secret ID, and IdP (not configured here).</summary>
internal static class EnrollmentEntryPages
{
    public static void MapEnrollmentEntryPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/enroll/{ext}", WelcomeAsync);
        app.MapPost("/enroll/{ext}/email", EmailAsync);
        app.MapGet("/enroll/{ext}/invitation/{token}", InvitationAsync);
        app.MapGet("/enroll/{ext}/idp", async (string ext, EnrollmentForms forms, HttpContext context) =>
            await forms.FindAsync(ext, context.RequestAborted) is not { } endpoint ? EnrollmentForms.UnknownForm()
            : Problem(
                "Sign-in with your organisation is not available",
                "This form offers sign-in through your organisation's identity provider (SAML), but the emulator has no identity provider configured.",
                "Use the e-mail confirmation or your Person Secret ID on the enrollment form, or ask your administrator.",
                501,
                EnrollmentForms.Path(endpoint),
                "Back to the enrollment form"));
        app.MapGet("/enroll/{ext}/secret-id", SecretIdAsync);
        app.MapPost("/enroll/{ext}/secret-id", SecretIdAsync);
    }

    private static async Task<IResult> WelcomeAsync(string ext, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions)
    {
        if (await forms.FindAsync(ext, context.RequestAborted) is not { } endpoint)
        {
            return EnrollmentForms.UnknownForm();
        }

        var session = sessions.GetOrStart(context, endpoint.UriExtension);
        return Page(endpoint.Name, Welcome(endpoint, session, null, null));
    }

    private static string Welcome(WebFormEndpoint endpoint, EnrollmentSession session, string? email, string? error)
    {
        var what = EnrollmentForms.IsDevice(endpoint) ? "a device certificate for this computer" : "a client certificate for your e-mail address";
        var body = $"<p>Welcome. This form enrolls {what}. The key is made in this computer's TPM and never leaves it.</p>";
        body += endpoint.EnrollmentHelp is null ? string.Empty : $"<p class=\"hint\">{Encode(endpoint.EnrollmentHelp)}</p>";
        if (endpoint.WebFormAuthTypes.Contains("EMAIL_CONFIRMATION"))
        {
            body += "<h2>Confirm your e-mail address</h2>" + Form(
                EnrollmentForms.Path(endpoint, "email"),
                session,
                Input("email", "E-mail address", "email", email, error, "We send you a link to continue.", "email"),
                "Send me the link");
        }

        if (endpoint.WebFormAuthTypes.Contains("SECRET_ID"))
        {
            body += $"<h2>Or use your Person Secret ID</h2><p><a href=\"{Encode(EnrollmentForms.Path(endpoint, "secret-id"))}\">Sign in with your Person Secret ID</a></p>";
        }

        if (endpoint.WebFormAuthTypes.Contains("IDP"))
        {
            body += $"<h2>Or sign in with your organisation</h2><p><a href=\"{Encode(EnrollmentForms.Path(endpoint, "idp"))}\">Sign in with your organisation's account</a></p>";
        }

        return body;
    }

    private static async Task<IResult> EmailAsync(
        string ext, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions, EmulatorMailSender mail, EmulatorStore store)
    {
        if (await forms.FindAsync(ext, context.RequestAborted) is not { } endpoint)
        {
            return EnrollmentForms.UnknownForm();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (sessions.Verify(context, endpoint.UriExtension, form) is not { } session)
        {
            return EnrollmentForms.SessionLost(endpoint);
        }

        var email = form["email"].ToString().Trim();
        if (!MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.OrdinalIgnoreCase))
        {
            return Page(endpoint.Name, Welcome(endpoint, session, email, "Enter an e-mail address such as jane.doe@example.com."), 400);
        }

        var account = (await forms.Directory.ListAccountsAsync(endpoint.Id, context.RequestAborted)).FirstOrDefault();
        if (account is null)
        {
            return Problem("This form cannot enroll yet", "The form has no enrollment account.", "Ask your administrator to add an account to the form.", 409);
        }

        var customer = forms.CustomerOf(account);
        var person = customer is null ? null : await store.FindPersonByEmailAsync(customer.CustomerUri, email, context.RequestAborted);
        var invitation = await forms.Directory.CreateInvitationAsync((int)(person?.Id ?? 0), email, endpoint.Id, account.Id, context.RequestAborted);
        var link = forms.Directory.InvitationLink(endpoint, invitation);
        await mail.SendAsync(email, $"Confirm your e-mail address for {endpoint.Name}", $"Open this link to continue your certificate enrollment:\n\n{link}\n\nIf you did not ask for it, ignore this message.\n", context.RequestAborted);
        return Page("Check your mailbox", $"<p>We sent a link to <strong>{Encode(email)}</strong>. Open it in this browser to continue.</p><p class=\"hint\">No message? Check the address and <a href=\"{Encode(EnrollmentForms.Path(endpoint))}\">try again</a>.</p>");
    }

    private static async Task<IResult> InvitationAsync(string ext, string token, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions, TimeProvider time)
    {
        if (await forms.FindAsync(ext, context.RequestAborted) is not { } endpoint)
        {
            return EnrollmentForms.UnknownForm();
        }

        var invitation = await forms.Directory.FindInvitationAsync(token, context.RequestAborted);
        if (invitation is null || invitation.EndpointId != endpoint.Id)
        {
            return Problem("This link is not valid", "The link you followed is not known to this enrollment form (it may be mistyped or cut short).", "Open the link from your e-mail again, whole, or ask for a new one on the enrollment form.", 404, EnrollmentForms.Path(endpoint), "Go to the enrollment form");
        }

        if (invitation.ExpiresAt <= time.GetUtcNow())
        {
            return Problem("This link has expired", "The link you followed is no longer valid.", "Ask for a new one on the enrollment form, or ask your administrator to invite you again.", 410, EnrollmentForms.Path(endpoint), "Go to the enrollment form");
        }

        var session = sessions.Start(context, endpoint.UriExtension);
        session.Email = invitation.Email;
        session.AccountId = invitation.AccountId;
        return Results.Redirect(EnrollmentForms.Path(endpoint, "access-code"));
    }

    private static async Task<IResult> SecretIdAsync(string ext, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions)
    {
        if (await forms.FindAsync(ext, context.RequestAborted) is not { } endpoint || !endpoint.WebFormAuthTypes.Contains("SECRET_ID"))
        {
            return EnrollmentForms.UnknownForm();
        }

        var session = sessions.GetOrStart(context, endpoint.UriExtension);
        string? email = null;
        string? error = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (sessions.Verify(context, endpoint.UriExtension, form) is null)
            {
                return EnrollmentForms.SessionLost(endpoint);
            }

            email = form["email"].ToString().Trim();
            var account = (await forms.Directory.ListAccountsAsync(endpoint.Id, context.RequestAborted)).FirstOrDefault();
            if (account is not null && await forms.Directory.CheckPersonSecretIdAsync(email, form["secretId"].ToString(), context.RequestAborted))
            {
                session.Email = email;
                session.AccountId = account.Id;
                return Results.Redirect(EnrollmentForms.Path(endpoint, "access-code"));
            }

            error = "This e-mail address and Person Secret ID do not match. Check both (the ID is case-sensitive) or ask your administrator for your ID.";
        }

        return Page("Sign in with your Person Secret ID", Form(
            EnrollmentForms.Path(endpoint, "secret-id"),
            session,
            Input("email", "E-mail address", "email", email, null, null, "email") + Input("secretId", "Person Secret ID", "password", null, error, "Your administrator gave it to you."),
            "Continue"), error is null ? 200 : 400);
    }
}
