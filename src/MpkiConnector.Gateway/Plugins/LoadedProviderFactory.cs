using MpkiConnector.Plugins;

namespace MpkiConnector.Gateway.Plugins;

/// <summary>A provider factory found in the plugins folder.</summary>
/// <param name="Type">The provider type it serves.</param>
/// <param name="Factory">The factory instance.</param>
/// <param name="AssemblyPath">The assembly it came from.</param>
internal sealed record LoadedProviderFactory(string Type, IMpkiProviderFactory Factory, string AssemblyPath);
