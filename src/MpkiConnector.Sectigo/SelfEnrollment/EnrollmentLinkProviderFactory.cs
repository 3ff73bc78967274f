using MpkiConnector.Plugins;

namespace MpkiConnector.Sectigo.SelfEnrollment;

/// <summary>
/// The provider factory of one-time enrollment links (type <c>enroll-link</c>): an account whose only setting is
/// <c>Link</c> (the <c>mpki-enroll:</c> link) and which holds no operator credential. <c>mpki tpm enroll --link URL</c>
/// adds such an account for the run.
/// </summary>
public sealed class EnrollmentLinkProviderFactory : IMpkiProviderFactory
{
    /// <summary>The provider type of enrollment-link accounts.</summary>
    public const string LinkType = "enroll-link";

    /// <inheritdoc />
    public string Type => LinkType;

    /// <inheritdoc />
    public IMpkiProvider Create(MpkiProviderFactoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Settings.TryGetValue("Link", out var text);
        if (!EnrollmentLink.TryParse(text, out var link, out var problem))
        {
            throw new MpkiException(MpkiErrorKind.Configuration, $"Provider '{context.Name}' (type {LinkType}): Link: {problem}.");
        }

        return new EnrollmentLinkProvider(context.Name, new EnrollmentLinkClient(link));
    }
}
