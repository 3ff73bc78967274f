namespace MpkiConnector.DependencyInjection;

/// <summary>Finds configured provider accounts by name.</summary>
public interface IMpkiProviderCatalog
{
    /// <summary>The names of every registered provider account.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>The provider account of this name; an unknown name is an <see cref="MpkiException"/> of kind <see cref="MpkiErrorKind.Configuration"/> that lists the known names.</summary>
    IMpkiProvider Get(string name);
}
