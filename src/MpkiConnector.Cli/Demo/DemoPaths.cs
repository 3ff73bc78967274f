using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Demo;

/// <summary>Default folders of the demo.</summary>
internal static class DemoPaths
{
    public const string DefaultDataFolder = ".mpki/demo";
    public const string DefaultMailFolder = "examples/mail";

    /// <summary>The mail folder as given, or examples/mail here or in a parent folder, or the copy inside the tool.</summary>
    public static string ResolveMailFolder(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            var full = Path.GetFullPath(given);
            return Directory.Exists(full) ? full : throw CliException.NotFound($"mail folder '{full}' not found");
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultMailFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Directory.Exists(ToolSamples.Mail)
            ? ToolSamples.Mail
            : throw CliException.NotFound($"'{DefaultMailFolder}' not found here or above (run from the repository, or pass --mail DIR)");
    }
}
