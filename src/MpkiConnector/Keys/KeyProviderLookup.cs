namespace MpkiConnector;

/// <summary>Finds a key provider by its <see cref="IKeyProvider.Kind"/> (case-insensitive): the one place this lookup is made.</summary>
public static class KeyProviderLookup
{
    /// <summary>The registered key provider of a kind, or <see langword="null"/>.</summary>
    public static IKeyProvider? FindByKind(this IEnumerable<IKeyProvider> providers, string kind)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(kind);
        return providers.FirstOrDefault(p => string.Equals(p.Kind, kind, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The registered key provider of a kind.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.Configuration"/> when none of that kind is registered.</exception>
    public static IKeyProvider GetByKind(this IEnumerable<IKeyProvider> providers, string kind) =>
        providers.FindByKind(kind)
        ?? throw new MpkiException(MpkiErrorKind.Configuration, $"No key provider of kind '{kind}' is registered.");
}
