namespace MpkiConnector.DependencyInjection;

/// <summary>Marks one registered provider name; <see cref="IMpkiProviderCatalog"/> lists them.</summary>
/// <param name="Name">The provider account's name.</param>
internal sealed record MpkiProviderRegistration(string Name);
