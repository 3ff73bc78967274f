using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Enrollment;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages;

/// <summary>Looks up a form by its URI extension with its customer, and the pages shared by every step (unknown form, session lost).</summary>
internal sealed class EnrollmentForms(EnrollmentEndpointDirectory directory, EmulatorRuntime runtime)
{
    public EnrollmentEndpointDirectory Directory => directory;

    public async Task<WebFormEndpoint?> FindAsync(string uriExtension, CancellationToken cancellationToken) =>
        await directory.FindEndpointByUriExtensionAsync(uriExtension, cancellationToken);

    /// <summary>The customer whose organisation the account enrolls for (the first customer when none has it).</summary>
    public EmulatorCustomer? CustomerOf(WebFormAccount account) =>
        runtime.Options.Customers.FirstOrDefault(c => c.FindOrganization(account.OrganizationId) is not null) ?? runtime.Options.Customers.FirstOrDefault();

    public static bool IsDevice(WebFormEndpoint endpoint) => string.Equals(endpoint.Type, "DEVICE_WEB_FORM", StringComparison.OrdinalIgnoreCase);

    public static string Path(WebFormEndpoint endpoint, string step = "") =>
        $"/enroll/{Uri.EscapeDataString(endpoint.UriExtension)}" + (step.Length == 0 ? string.Empty : "/" + step);

    public static IResult UnknownForm() => EnrollmentHtml.Problem(
        "Enrollment form not found",
        "There is no enrollment form at this address.",
        "Check the address in your invitation e-mail, or ask your administrator for the link to your organisation's enrollment form.",
        404);

    public static IResult SessionLost(WebFormEndpoint endpoint) => EnrollmentHtml.Problem(
        "Your enrollment session has ended",
        "This step needs an enrollment you started in this browser, and none is open (it may have expired after an hour, or the page was sent from elsewhere).",
        "Start again from the enrollment form, or follow the link in your invitation e-mail again.",
        400,
        Path(endpoint),
        "Back to the enrollment form");
}
