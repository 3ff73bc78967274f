namespace MpkiConnector.Cli.Tests;

/// <summary>Documentation generated from code: a test compares it with what is in the repository and fails on a difference.</summary>
internal static class GeneratedDocs
{
    /// <summary>Set to <c>1</c>, the documentation tests write what they expect instead of failing.</summary>
    public const string UpdateVariable = "MPKI_UPDATE_DOCS";

    /// <summary>Fails, naming the first differing line and how to regenerate, unless <paramref name="actual"/> is <paramref name="expected"/>.</summary>
    public static void AssertCurrent(string path, string actual, string expected, string testName)
    {
        actual = actual.ReplaceLineEndings("\n");
        expected = expected.ReplaceLineEndings("\n");
        if (string.Equals(actual, expected, StringComparison.Ordinal))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        var actualLines = actual.Split('\n');
        var expectedLines = expected.Split('\n');
        var line = 0;
        while (line < actualLines.Length && line < expectedLines.Length && actualLines[line] == expectedLines[line])
        {
            line++;
        }

        var found = line < actualLines.Length ? actualLines[line] : "(end of file)";
        var wanted = line < expectedLines.Length ? expectedLines[line] : "(end of file)";
        Assert.Fail(
            $"{Path.GetRelativePath(RepositoryPaths.Root, path)} is out of date at line {line + 1}:\n  found:    {found}\n  expected: {wanted}\n" +
            $"Regenerate it: {UpdateVariable}=1 dotnet test tests/MpkiConnector.Cli.Tests -c Release --filter {testName}");
    }
}
