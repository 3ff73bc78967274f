namespace MpkiConnector.Plugins;

/// <summary>
/// How a provider plugin exposes itself: a public, non-abstract class with a public parameterless constructor that
/// implements this interface, in an assembly dropped into the gateway's plugins folder. The gateway loads each plugin
/// in its own <c>AssemblyLoadContext</c> that shares only <c>MpkiConnector.Abstractions</c> (and the framework) with
/// the host, and picks a factory by the <see cref="Type"/> named in a provider account's configuration.
/// </summary>
public interface IMpkiProviderFactory
{
    /// <summary>The value of a provider account's <c>Type</c> setting that selects this factory (case-insensitive).</summary>
    string Type { get; }

    /// <summary>Creates the provider of one configured account.</summary>
    IMpkiProvider Create(MpkiProviderFactoryContext context);
}
