using System.Text.RegularExpressions;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// The README's code is tested code: a block after <c>&lt;!-- include: FILE#REGION --&gt;</c> is the region of that file
/// between the lines <c>// &lt;REGION&gt;</c> and <c>// &lt;/REGION&gt;</c>, dedented.
/// </summary>
public sealed partial class ReadmeIncludeTests
{
    [Fact]
    public void Readme_IncludedBlocks_AreTheirFilesRegions()
    {
        var path = Path.Combine(RepositoryPaths.Root, "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var files = Include().Matches(readme).Select(m => m.Groups["file"].Value).ToArray();
        Assert.Contains("examples/EmbeddingDi/IssueOneCertificate.cs", files);
        Assert.Contains("examples/GatewayWorker/GatewayWorkerHost.cs", files);

        var expected = Include().Replace(readme, m =>
            $"{m.Groups["marker"].Value}```{m.Groups["lang"].Value}\n{Region(m.Groups["file"].Value, m.Groups["region"].Value)}```");

        GeneratedDocs.AssertCurrent(path, readme, expected, nameof(Readme_IncludedBlocks_AreTheirFilesRegions));
    }

    [Fact]
    public void Region_OfTheWorkerExample_IsDedentedAndWithoutMarkers()
    {
        var region = Region("examples/GatewayWorker/GatewayWorkerHost.cs", "snippet");

        Assert.StartsWith("var builder = Host.CreateApplicationBuilder(", region, StringComparison.Ordinal);
        Assert.EndsWith("return builder.Build();\n", region, StringComparison.Ordinal);
        Assert.DoesNotContain("// <", region, StringComparison.Ordinal);
    }

    /// <summary>The lines between <c>// &lt;name&gt;</c> and <c>// &lt;/name&gt;</c>, without their common indentation.</summary>
    private static string Region(string file, string name)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
        var start = Array.FindIndex(lines, l => l.Trim() == $"// <{name}>");
        var end = Array.FindIndex(lines, l => l.Trim() == $"// </{name}>");
        Assert.True(start >= 0 && end > start, $"{file}: no region '// <{name}>' ... '// </{name}>'");
        var body = lines[(start + 1)..end];
        var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Concat(body.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n"));
    }

    [GeneratedRegex(@"^(?<marker><!-- include: (?<file>[^#\s]+)#(?<region>[\w-]+) -->\n)```(?<lang>\w*)\n.*?^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Include();
}
