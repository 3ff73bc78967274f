using System.Text.Json;
using System.Text.RegularExpressions;

namespace MpkiConnector.Sectigo.Emulator.Tests.Contract;

/// <summary>
/// The classic REST reference 25.5 (<c>classic-fields.json</c>, made by <c>extract-contract.py</c>): every field of a
/// classic JSON answer must be one the reference lists for that route; every error status carries <c>{code, description}</c>.
/// </summary>
internal static partial class ClassicFieldsContract
{
    /// <summary>Fields the emulator serves although 25.5 does not list them, each with its reason.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["GET /api/organization/v1/{p} validationStatus"] = "served so that the operator check can tell a non-validated organisation (digest: UNCERTAIN)",
    };

    private static readonly List<(string Method, string Template, HashSet<string> Fields)> Routes = Load();

    /// <summary>Null when the answer matches the reference, else what drifted.</summary>
    public static string? Check(string method, string path, int status, byte[] body)
    {
        if (status >= 400)
        {
            return ErrorBody.Check(body);
        }

        var template = ContractPaths.Match(Routes.Where(r => r.Method == method).Select(r => r.Template).Distinct(), path);
        if (template is null || body.Length == 0 || body[0] is not ((byte)'{' or (byte)'['))
        {
            return null;
        }

        var documented = Routes.First(r => r.Method == method && r.Template == template).Fields;
        using var json = JsonDocument.Parse(body);
        var emitted = new List<string>();
        Walk(json.RootElement, string.Empty, emitted, documented);
        var undocumented = emitted
            .Where(f => !documented.Contains(f) && !documented.Contains(f + "[]") && !Allowed.ContainsKey($"{method} {template} {f}"))
            .ToList();
        return undocumented.Count == 0 ? null : $"fields not in the 25.5 reference for {method} {template}: {string.Join(", ", undocumented)}";
    }

    private static void Walk(JsonElement element, string prefix, List<string> emitted, HashSet<string> documented)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                Walk(item, prefix + "[]", emitted, documented);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            emitted.Add(name);
            var hasChildren = documented.Any(d => d.StartsWith(name + ".", StringComparison.Ordinal) || d.StartsWith(name + "[].", StringComparison.Ordinal));
            if (hasChildren && property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                Walk(property.Value, name, emitted, documented);
            }
        }
    }

    private static List<(string, string, HashSet<string>)> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Contract", "classic-fields.json")));
        var routes = new List<(string, string, HashSet<string>)>();
        foreach (var route in json.RootElement.GetProperty("routes").EnumerateObject())
        {
            var space = route.Name.IndexOf(' ', StringComparison.Ordinal);
            var template = string.Join('/', route.Name[(space + 1)..].Split('/').Select(s => Parameter().IsMatch(s) ? "{p}" : s));
            var fields = route.Value.EnumerateArray().Select(f => f.GetString()!.Replace(".[]", "[]", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            var existing = routes.FindIndex(r => r.Item1 == route.Name[..space] && r.Item2 == template);
            if (existing >= 0)
            {
                routes[existing].Item3.UnionWith(fields);
            }
            else
            {
                routes.Add((route.Name[..space], template, fields));
            }
        }

        return routes;
    }

    [GeneratedRegex(@"^(\d+|.*[@:].*|[0-9A-F]{16,})$")]
    private static partial Regex Parameter();
}
