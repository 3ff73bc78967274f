namespace MpkiConnector.Gateway.Tests;

/// <summary>Finds the build output of examples/PluginProvider and copies it into a plugins folder.</summary>
internal static class ExamplePlugin
{
    public const string Type = "example-ca";

    public static string CopyTo(string pluginsFolder)
    {
        var source = OutputFolder();
        var target = Path.Combine(pluginsFolder, "PluginProvider");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        return target;
    }

    private static string OutputFolder()
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var root = baseDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MpkiConnector.sln")))
        {
            root = root.Parent;
        }

        var folder = Path.Combine(root!.FullName, "examples", "PluginProvider", "bin", configuration, framework);
        if (!File.Exists(Path.Combine(folder, "MpkiConnector.Examples.PluginProvider.dll")))
        {
            throw new InvalidOperationException($"The example plugin is not built at {folder}.");
        }

        return folder;
    }
}
