using System.Reflection;
using System.Runtime.Loader;

namespace MpkiConnector.Gateway.Plugins;

/// <summary>
/// The load context of one plugin folder: the plugin's own dependencies are loaded from its folder; the abstractions
/// (and the framework) come from the host, so that the plugin's factory is the host's <c>IMpkiProviderFactory</c>.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly HashSet<string> Shared = new(StringComparer.OrdinalIgnoreCase) { "MpkiConnector.Abstractions" };
    private readonly string _folder;
    private readonly AssemblyDependencyResolver? _resolver;

    public PluginLoadContext(string folder, string? mainAssemblyPath)
        : base($"mpki-plugin:{Path.GetFileName(folder)}", isCollectible: false)
    {
        _folder = folder;
        if (mainAssemblyPath is not null)
        {
            try
            {
                _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
            }
            catch (InvalidOperationException)
            {
                _resolver = null;
            }
        }
    }

    /// <summary>Whether an assembly is shared with the host rather than loaded from the plugin's folder.</summary>
    public static bool IsShared(string? assemblyName) => assemblyName is not null && Shared.Contains(assemblyName);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName.Name))
        {
            return null;
        }

        var path = _resolver?.ResolveAssemblyToPath(assemblyName);
        if (path is null && assemblyName.Name is { } name)
        {
            var local = Path.Combine(_folder, name + ".dll");
            path = File.Exists(local) ? local : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
