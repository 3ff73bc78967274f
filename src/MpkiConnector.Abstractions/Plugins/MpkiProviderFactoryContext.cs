namespace MpkiConnector.Plugins;

/// <summary>What an <see cref="IMpkiProviderFactory"/> (a plugin's or a built-in one) gets to create the provider of one account.</summary>
/// <param name="Name">The account's configured name (the provider's <see cref="IMpkiProvider.Name"/>).</param>
/// <param name="Settings">
/// The account's settings section flattened to <c>key</c> / <c>parent:child</c> paths (the host's configuration,
/// environment overrides applied); keys are case-insensitive. Secrets may be among them: never log them.
/// </param>
/// <param name="TimeProvider">The clock to use (tests pass a fake one).</param>
public sealed record MpkiProviderFactoryContext(
    string Name,
    IReadOnlyDictionary<string, string?> Settings,
    TimeProvider TimeProvider)
{
    /// <summary>A folder the provider may keep state in (created by the host), or <see langword="null"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// The host's services, for what a provider may share with it (for example <c>ILoggerFactory</c>), or
    /// <see langword="null"/>. A provider must work without any of them.
    /// </summary>
    public IServiceProvider? Services { get; init; }
}
