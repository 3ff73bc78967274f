namespace MpkiConnector.Plugins;

/// <summary>
/// How a provider type comes into a host. The host's built-in types (the <c>mpki</c> CLI: <c>sectigo</c>,
/// <c>emulator</c>, <c>fake</c>) are factories handed to the gateway; a plugin is a public, non-abstract class with a
/// public parameterless constructor that implements this interface, in an assembly dropped into the gateway's plugins
/// folder. The gateway loads each plugin in its own <c>AssemblyLoadContext</c> that shares only
/// <c>MpkiConnector.Abstractions</c> (and the framework) with the host, and picks a factory by the <see cref="Type"/>
/// named in a provider account's configuration; built-ins and plugins are treated the same way.
/// </summary>
public interface IMpkiProviderFactory
{
    /// <summary>The value of a provider account's <c>Type</c> setting that selects this factory (case-insensitive).</summary>
    string Type { get; }

    /// <summary>
    /// Creates the provider of one configured account. A mistake in the settings is an <see cref="MpkiException"/> of
    /// kind <see cref="MpkiErrorKind.Configuration"/> naming the setting; the gateway creates every provider at start.
    /// </summary>
    IMpkiProvider Create(MpkiProviderFactoryContext context);
}
