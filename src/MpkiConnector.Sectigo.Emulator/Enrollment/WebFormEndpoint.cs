namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>A web-form enrollment endpoint (Admin Operations <c>/api/endpoint/v1</c>), as the self-enrollment pages see it.</summary>
/// <param name="Id">The endpoint id.</param>
/// <param name="Name">The endpoint name (the operator's form name).</param>
/// <param name="Type"><c>SMIME_WEB_FORM</c> or <c>DEVICE_WEB_FORM</c>.</param>
/// <param name="UriExtension">The URI extension that names the form in its URL.</param>
/// <param name="WebFormAuthTypes"><c>EMAIL_CONFIRMATION</c>, <c>IDP</c>, <c>SECRET_ID</c>.</param>
/// <param name="EnrollmentHelp">The enrollment instructions, if any.</param>
internal sealed record WebFormEndpoint(int Id, string Name, string Type, string UriExtension, IReadOnlyList<string> WebFormAuthTypes,
    string? EnrollmentHelp);
