using System.Reflection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Plugins;

namespace MpkiConnector.Gateway.Plugins;

/// <summary>
/// Finds provider plugins: every assembly in the plugins folder and in its direct subfolders (one load context per
/// folder, sharing only <c>MpkiConnector.Abstractions</c> with the host) is searched for public classes implementing
/// <see cref="IMpkiProviderFactory"/> with a public parameterless constructor.
/// </summary>
internal static class ProviderPluginLoader
{
    /// <summary>Loads the factories of <paramref name="pluginsFolder"/>; a broken plugin is a <see cref="GatewayConfigurationException"/> naming its file.</summary>
    public static IReadOnlyList<LoadedProviderFactory> Load(string pluginsFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginsFolder);
        if (!Directory.Exists(pluginsFolder))
        {
            throw new GatewayConfigurationException($"PluginsFolder: '{pluginsFolder}' does not exist.");
        }

        var found = new List<LoadedProviderFactory>();
        var folders = new[] { pluginsFolder }.Concat(Directory.EnumerateDirectories(pluginsFolder).Order(StringComparer.Ordinal));
        foreach (var folder in folders)
        {
            var assemblies = Directory.EnumerateFiles(folder, "*.dll")
                .Where(p => !PluginLoadContext.IsShared(Path.GetFileNameWithoutExtension(p)))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (assemblies.Length == 0)
            {
                continue;
            }

            var main = assemblies.FirstOrDefault(p => File.Exists(Path.ChangeExtension(p, ".deps.json"))) ?? assemblies[0];
            var context = new PluginLoadContext(folder, main);
            foreach (var path in assemblies)
            {
                found.AddRange(FactoriesIn(context, path));
            }
        }

        var duplicate = found.GroupBy(f => f.Type, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GatewayConfigurationException(
                $"PluginsFolder: the provider type '{duplicate.Key}' is offered by more than one plugin ({string.Join(", ", duplicate.Select(d => Path.GetFileName(d.AssemblyPath)))}); remove one.");
        }

        return found;
    }

    private static IEnumerable<LoadedProviderFactory> FactoriesIn(PluginLoadContext context, string path)
    {
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        }
        catch (BadImageFormatException)
        {
            yield break; // a native library beside the plugin
        }

        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            throw new GatewayConfigurationException($"PluginsFolder: the plugin '{Path.GetFileName(path)}' cannot be loaded ({ex.GetType().Name}: {ex.Message}). Was it built against this version of MpkiConnector.Abstractions?", ex);
        }

        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMpkiProviderFactory).IsAssignableFrom(t)))
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new GatewayConfigurationException($"PluginsFolder: {type.FullName} in '{Path.GetFileName(path)}' has no public parameterless constructor.");
            }

            var factory = (IMpkiProviderFactory)Activator.CreateInstance(type)!;
            if (string.IsNullOrWhiteSpace(factory.Type))
            {
                throw new GatewayConfigurationException($"PluginsFolder: {type.FullName} in '{Path.GetFileName(path)}' has an empty Type.");
            }

            yield return new LoadedProviderFactory(factory.Type, factory, path);
        }
    }
}
