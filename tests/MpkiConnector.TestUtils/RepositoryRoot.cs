namespace MpkiConnector.TestUtils;

/// <summary>The folder of the repository the tests run in (the one holding <c>MpkiConnector.sln</c>).</summary>
public static class RepositoryRoot
{
    /// <summary>The repository's root folder.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MpkiConnector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MpkiConnector.sln not found above " + AppContext.BaseDirectory);
    }
}
