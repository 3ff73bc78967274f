using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Enrollment;
using MpkiConnector.Sectigo.Emulator.Storage;
using static MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages.EnrollmentHtml;

namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages;

/// <summary>After sign-in: the access code, the person's certificates with Add (+), certificate details, the EULA, and the one-time link.</summary>
internal static class EnrollmentCertificatePages
{
    private const string Eula =
        "You will keep the private key of this certificate in this computer's TPM, use the certificate only for your work at " +
        "the organisation, and tell your administrator at once if the computer is lost. The CA may revoke the certificate when " +
        "these terms are broken.";

    public static void MapEnrollmentCertificatePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/enroll/{ext}/access-code", AccessCodeAsync);
        app.MapPost("/enroll/{ext}/access-code", AccessCodeAsync);
        app.MapGet("/enroll/{ext}/certificates", CertificatesAsync);
        app.MapGet("/enroll/{ext}/details", DetailsAsync);
        app.MapPost("/enroll/{ext}/details", DetailsAsync);
        app.MapPost("/enroll/{ext}/submit", SubmitAsync);
    }

    private static async Task<IResult> AccessCodeAsync(string ext, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions)
    {
        var (endpoint, session, account, stop) = await SignedInAsync(ext, context, forms, sessions, needAccessCode: false);
        if (stop is not null)
        {
            return stop;
        }

        if (!string.Equals(account!.AccountAuthMethod, "ACCESS_CODE", StringComparison.OrdinalIgnoreCase) || session!.Authenticated)
        {
            session!.Authenticated = true;
            return Results.Redirect(EnrollmentForms.Path(endpoint!, "certificates"));
        }

        string? error = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (sessions.Verify(context, endpoint!.UriExtension, form) is null)
            {
                return EnrollmentForms.SessionLost(endpoint);
            }

            if (string.Equals(form["accessCode"].ToString().Trim(), account.AccessCode, StringComparison.Ordinal))
            {
                session.Authenticated = true;
                return Results.Redirect(EnrollmentForms.Path(endpoint, "certificates"));
            }

            error = "This access code is not right. Check it in the message from your administrator (it is case-sensitive) and try again; if it still fails, ask your administrator for the code.";
        }

        return Page("Enter your access code", $"<p>Signed in as <strong>{Encode(session.Email)}</strong>.</p>" + Form(
            EnrollmentForms.Path(endpoint!, "access-code"),
            session,
            Input("accessCode", "Access code", "password", null, error, "Your administrator gave you this code with your invitation.", "off"),
            "Continue"), error is null ? 200 : 400);
    }

    private static async Task<IResult> CertificatesAsync(string ext, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions, EmulatorStore store, TimeProvider time)
    {
        var (endpoint, session, account, stop) = await SignedInAsync(ext, context, forms, sessions, needAccessCode: true);
        if (stop is not null)
        {
            return stop;
        }

        var customer = forms.CustomerOf(account!);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var kind = EnrollmentForms.IsDevice(endpoint!) ? "device" : "smime";
        var (orders, _) = customer is null ? ([], 0) : await store.ListOrdersAsync(new OrderQuery(customer.CustomerUri) { Kind = kind, Email = session!.Email, State = "issued" }, context.RequestAborted);
        var valid = orders.Where(o => o.NotAfter > now).ToArray();
        if (valid.Length == 0)
        {
            return Results.Redirect(EnrollmentForms.Path(endpoint!, "details"));
        }

        var rows = string.Concat(valid.Select(o => $"<tr><td>{Encode(o.SubjectText)}</td><td>{Encode(o.Serial)}</td><td>{DateTimeOffset.FromUnixTimeMilliseconds(o.NotAfter!.Value):yyyy-MM-dd}</td></tr>"));
        return Page("Your certificates", $"""
            <p>You ({Encode(session!.Email)}) already hold these valid certificates from this form.</p>
            <table><caption class="hint">Valid certificates</caption><thead><tr><th scope="col">Subject</th><th scope="col">Serial number</th><th scope="col">Valid until</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <p><a class="button" href="{Encode(EnrollmentForms.Path(endpoint!, "details"))}" aria-label="Add a certificate"><span aria-hidden="true">+</span> Add a certificate</a></p>
            """);
    }

    private static async Task<IResult> DetailsAsync(string ext, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions)
    {
        var (endpoint, session, account, stop) = await SignedInAsync(ext, context, forms, sessions, needAccessCode: true);
        if (stop is not null)
        {
            return stop;
        }

        var profiles = forms.CustomerOf(account!)?.Profiles.Where(p => account!.ProfileIds.Contains(p.Id)).ToArray() ?? [];
        if (profiles.Length == 0)
        {
            return Problem("No certificate type to offer", "Your enrollment account offers no certificate type.", "Ask your administrator to add a certificate profile to the account.", 409);
        }

        var device = EnrollmentForms.IsDevice(endpoint!);
        var errors = new Dictionary<string, string>();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (sessions.Verify(context, endpoint!.UriExtension, form) is null)
            {
                return EnrollmentForms.SessionLost(endpoint);
            }

            var choice = form["choice"].ToString().Split(':');
            var profile = choice.Length == 2 ? profiles.FirstOrDefault(p => p.Id.ToString(CultureInfo.InvariantCulture) == choice[0]) : null;
            var term = profile is not null && int.TryParse(choice[1], CultureInfo.InvariantCulture, out var days) && profile.Terms.Contains(days) ? days : (int?)null;
            var keyType = form["keyType"].ToString();
            var deviceName = form["deviceName"].ToString().Trim();
            if (profile is null || term is null)
            {
                errors["choice"] = "Choose one of the certificate types listed.";
            }

            if (keyType is not ("RSA-2048" or "EC-P256"))
            {
                errors["keyType"] = "Choose RSA-2048 or EC-P256.";
            }

            if (device && (deviceName.Length is 0 or > 64 || deviceName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))))
            {
                errors["deviceName"] = "Enter this computer's name, such as laptop-42.example.com (letters, digits, dots and hyphens).";
            }

            session!.DeviceName = deviceName;
            if (errors.Count == 0)
            {
                (session.ProfileId, session.Term, session.KeyType) = (profile!.Id, term, keyType);
                return Page("Accept the terms of use", Form(
                    EnrollmentForms.Path(endpoint, "submit"),
                    session,
                    $"<p>{Encode(Eula)}</p><p><input type=\"checkbox\" id=\"eula\" name=\"eula\" value=\"accepted\"> <label for=\"eula\" style=\"display:inline\">I accept the terms of use</label></p>",
                    "Submit"));
            }
        }

        var choices = profiles.SelectMany(p => p.Terms.Select(t => ($"{p.Id}:{t}", $"{p.Name}, {t} days")));
        var keyTypes = new[] { ("RSA-2048", "RSA 2048-bit"), ("EC-P256", "ECDSA P-256") };
        var fields = (device ? Input("deviceName", "Device name", "text", session!.DeviceName, errors.GetValueOrDefault("deviceName"), "The name of this computer, as your network knows it.") : string.Empty)
            + (errors.TryGetValue("choice", out var choiceError) ? $"<p class=\"error\">{Encode(choiceError)}</p>" : string.Empty)
            + Select("choice", "Certificate type and term", choices, session!.ProfileId is { } id ? $"{id}:{session.Term}" : null)
            + (errors.TryGetValue("keyType", out var keyError) ? $"<p class=\"error\">{Encode(keyError)}</p>" : string.Empty)
            + Select("keyType", "Key type", keyTypes, session.KeyType ?? "RSA-2048");
        return Page("Certificate details", $"<p>For <strong>{Encode(session.Email)}</strong>.</p>" + Form(EnrollmentForms.Path(endpoint!, "details"), session, fields, "Continue"), errors.Count == 0 ? 200 : 400);
    }

    private static async Task<IResult> SubmitAsync(string ext, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions, EnrollmentLinkService links, EmulatorStore store)
    {
        var (endpoint, session, account, stop) = await SignedInAsync(ext, context, forms, sessions, needAccessCode: true);
        if (stop is not null)
        {
            return stop;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (sessions.Verify(context, endpoint!.UriExtension, form) is null || session!.ProfileId is null)
        {
            return EnrollmentForms.SessionLost(endpoint);
        }

        if (form["eula"].ToString() != "accepted")
        {
            return Page("Accept the terms of use", "<p id=\"eula-error\" class=\"error\" role=\"alert\">You must accept the terms of use before the certificate can be requested. Tick the box, then Submit.</p>" + Form(
                EnrollmentForms.Path(endpoint, "submit"),
                session,
                $"<p>{Encode(Eula)}</p><p><input type=\"checkbox\" id=\"eula\" name=\"eula\" value=\"accepted\" aria-describedby=\"eula-error\" aria-invalid=\"true\"> <label for=\"eula\" style=\"display:inline\">I accept the terms of use</label></p>",
                "Submit"), 400);
        }

        var customer = forms.CustomerOf(account!)!;
        var person = await store.FindPersonByEmailAsync(customer.CustomerUri, session.Email!, context.RequestAborted);
        var device = EnrollmentForms.IsDevice(endpoint);
        var (link, expires) = await links.CreateAsync(
            new EnrollmentLinkOffer(customer.CustomerUri, device ? "device" : "smime", session.Email!, device ? session.DeviceName : null, account!.OrganizationId, session.ProfileId.Value, session.Term!.Value, session.KeyType!)
            {
                FirstName = person?.FirstName,
                LastName = person?.LastName,
            },
            context.RequestAborted);
        return Page("Finish on your computer", $"""
            <p>Your request is ready. Open this link on the computer that will hold the key: the enrollment client makes the key in the TPM and installs the certificate.</p>
            <p><a class="button" id="enroll-link" href="{Encode(link)}">Enroll on this computer</a></p>
            <label for="link-text">Or copy the link and run <code>mpki tpm enroll --link 'LINK'</code></label>
            <textarea id="link-text" readonly rows="4">{Encode(link)}</textarea>
            <p class="hint">The link works once, until {expires:yyyy-MM-dd HH:mm} UTC. If it expires, start again from <a href="{Encode(EnrollmentForms.Path(endpoint))}">the enrollment form</a>.</p>
            """);
    }

    /// <summary>The form, the session (signed in through an invitation, e-mail or Secret ID) and its account; or the page to show instead.</summary>
    private static async Task<(WebFormEndpoint? Endpoint, EnrollmentSession? Session, WebFormAccount? Account, IResult? Stop)> SignedInAsync(
        string ext, HttpContext context, EnrollmentForms forms, EnrollmentSessions sessions, bool needAccessCode)
    {
        if (await forms.FindAsync(ext, context.RequestAborted) is not { } endpoint)
        {
            return (null, null, null, EnrollmentForms.UnknownForm());
        }

        var session = sessions.Find(context, endpoint.UriExtension);
        var account = session?.AccountId is { } id ? await forms.Directory.FindAccountAsync(endpoint.Id, id, context.RequestAborted) : null;
        if (session?.Email is null || account is null)
        {
            return (endpoint, null, null, EnrollmentForms.SessionLost(endpoint));
        }

        return needAccessCode && !session.Authenticated
            ? (endpoint, session, account, Results.Redirect(EnrollmentForms.Path(endpoint, "access-code")))
            : (endpoint, session, account, null);
    }
}
