namespace MpkiConnector.Plugins;

/// <summary>What a plugin's <see cref="IMpkiProviderFactory"/> gets to create the provider of one account.</summary>
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
}
