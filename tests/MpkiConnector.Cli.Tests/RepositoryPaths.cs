namespace MpkiConnector.Cli.Tests;

/// <summary>Folders of the repository the tests run in.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string GatewayConfig => Path.Combine(Root, "config", "gateway.json");

    public static string Mail => Path.Combine(Root, "examples", "mail");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MpkiConnector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MpkiConnector.sln not found above " + AppContext.BaseDirectory);
    }
}
