namespace MpkiConnector.Sectigo.Emulator.Tests.Contract;

/// <summary>Matches a request path to a documented path template (literal segments win over parameters).</summary>
internal static class ContractPaths
{
    public static string? Match(IEnumerable<string> templates, string path)
    {
        var segments = path.Trim('/').Split('/');
        return templates
            .Select(t => (Template: t, Parts: t.Trim('/').Split('/')))
            .Where(t => t.Parts.Length == segments.Length && t.Parts.Zip(segments).All(p => IsParameter(p.First) || string.Equals(p.First, p.Second, StringComparison.Ordinal)))
            .OrderByDescending(t => t.Parts.Count(p => !IsParameter(p)))
            .Select(t => t.Template)
            .FirstOrDefault();
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}
