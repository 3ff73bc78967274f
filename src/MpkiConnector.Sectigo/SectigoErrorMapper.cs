using System.Globalization;
using System.Net;

namespace MpkiConnector.Sectigo;

/// <summary>Turns an SCM error answer (<c>{code, description}</c>, or a body without it) into an <see cref="MpkiException"/> with the right kind and, where known, the one step that fixes it.</summary>
internal static class SectigoErrorMapper
{
    public static MpkiException Map(
        SectigoAccountIdentity identity,
        string operation,
        int httpStatus,
        int? code,
        string? description,
        TimeSpan? retryAfter)
    {
        var text = identity.Redact(description).Trim();
        if (text.Length > 300)
        {
            text = text[..300] + "...";
        }

        var codeText = code?.ToString(CultureInfo.InvariantCulture);
        var (kind, remediation) = Classify(identity, httpStatus, code, text);
        string message;
        if (kind == MpkiErrorKind.Authentication && code is not SectigoErrorCodes.CustomerNotFound)
        {
            message = $"Sectigo account '{identity.AccountName}': authentication failed for login '{identity.Login}' at customer URI '{identity.CustomerUri}'"
                + Suffix(httpStatus, codeText, text);
        }
        else
        {
            message = $"Sectigo account '{identity.AccountName}': {operation} failed" + Suffix(httpStatus, codeText, text);
        }

        return new MpkiException(kind, message)
        {
            VendorCode = codeText,
            HttpStatus = httpStatus,
            RetryAfter = retryAfter,
            Remediation = remediation,
        };
    }

    private static string Suffix(int httpStatus, string? code, string description)
    {
        var what = code is null ? $"HTTP {httpStatus}" : $"SCM code {code}, HTTP {httpStatus}";
        return description.Length == 0 ? $" ({what}, no error description)." : $" ({what}): {description}";
    }

    private static (MpkiErrorKind Kind, string? Remediation) Classify(SectigoAccountIdentity id, int status, int? code, string description)
    {
        switch (code)
        {
            case SectigoErrorCodes.UnknownUser:
                return (MpkiErrorKind.Authentication, $"Check Login: SCM has no admin '{id.Login}' at customer URI '{id.CustomerUri}' (SCM: Settings > Admins).");
            case SectigoErrorCodes.IncorrectLogin:
                return (MpkiErrorKind.Authentication, $"Check the password of admin '{id.Login}'. A Standard admin must log in once to the SCM web portal and change its initial password before the REST API accepts it.");
            case SectigoErrorCodes.CustomerNotFound:
                return (MpkiErrorKind.Authentication, $"Check CustomerUri '{id.CustomerUri}': it is the last part of the portal login URL https://cert-manager.com/customer/<customerUri>.");
            case -3 or -25 or -37:
                return (MpkiErrorKind.Authorization, $"In SCM (Settings > Admins > '{id.Login}'), give the admin the RA role for the organisation and the client certificate (S/MIME) privilege.");
            case SectigoErrorCodes.TermInvalid:
                return (MpkiErrorKind.Configuration, "Set TermDays to a term the certificate type offers (see 'mpki provider discover NAME').");
            case -39 or -111:
                return (MpkiErrorKind.Configuration, "Set CertificateType to a certificate type the account offers (see 'mpki provider discover NAME').");
            case -172 or -184 or -185:
                return (MpkiErrorKind.Configuration, "In SCM (Organizations > Edit > Client Certificate profiles), make the certificate profile available to the organisation, with at least the configured term.");
            case SectigoErrorCodes.PerPersonLimit:
                return (MpkiErrorKind.LimitReached, "The person has as many certificates as the account allows: revoke unused ones in SCM or raise the per-person limit.");
            case SectigoErrorCodes.MandatoryCustomField:
                return (MpkiErrorKind.Configuration, "Set every mandatory custom field of the account in CustomFields (see 'mpki provider discover NAME').");
            case -639 or -1023:
                return (MpkiErrorKind.Configuration, "Set OrganizationId to an organisation or department id the admin may use (see 'mpki provider discover NAME').");
            case -9 or -10 or -11 or -13 or -78 or -138 or -141 or -170 or -194:
                return (MpkiErrorKind.InvalidRequest, "Use a key algorithm and size that the certificate type accepts (see its key types in 'mpki provider discover NAME').");
            case -500 or -508:
                return (MpkiErrorKind.InvalidRequest, "Give the sender a display name, or adjust FullNamePattern / MissingDisplayName so that first and last name are filled.");
            case -105 or -1104 or -1108:
                return (MpkiErrorKind.NotFound, null);
            case -2 or -65 or -195:
                return (MpkiErrorKind.Unavailable, null);
            case -7 or -102 or -159 or -518 or -1450:
                return (MpkiErrorKind.InvalidRequest, null);
        }

        if (SectigoSetupErrors.TryClassify(id, code, description) is { } setup)
        {
            return setup;
        }

        return status switch
        {
            (int)HttpStatusCode.Unauthorized => (MpkiErrorKind.Authentication, $"Check Login, Password and CustomerUri of the account; a Standard admin must have changed its initial password in the web portal first."),
            (int)HttpStatusCode.Forbidden => (MpkiErrorKind.Authorization, $"In SCM (Settings > Admins > '{id.Login}'), give the admin the RA role for the organisation and the client certificate privilege."),
            (int)HttpStatusCode.NotFound => (MpkiErrorKind.NotFound, null),
            (int)HttpStatusCode.RequestTimeout => (MpkiErrorKind.Unavailable, null),
            (int)HttpStatusCode.TooManyRequests => (MpkiErrorKind.RateLimited, null),
            >= 500 => (MpkiErrorKind.Unavailable, null),
            >= 400 => (MpkiErrorKind.InvalidRequest, null),
            _ => (MpkiErrorKind.Protocol, null),
        };
    }
}
