using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// Writes Markdown tables of settings from options types by reflection: each public settable property (and each
/// get-only collection, which the binder fills) with its type, its default (read from a new instance), its environment
/// variable and the summary of its XML documentation. Nested option classes are walked; a class met twice is listed once.
/// </summary>
internal sealed partial class ConfigurationReference
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<Assembly, XDocument?> _docs = [];

    /// <summary>How a table names settings.</summary>
    /// <param name="EnvironmentPrefix">The environment variable prefix (<c>MPKI__</c>); <see langword="null"/>: no environment column.</param>
    /// <param name="CamelCase">JSON names in camelCase (the emulator's file).</param>
    public sealed record Naming(string? EnvironmentPrefix, bool CamelCase = false);

    public ConfigurationReference Line(string text = "")
    {
        _text.Append(text).Append('\n');
        return this;
    }

    /// <summary>A table of the settings of <paramref name="type"/> under <paramref name="prefix"/> (<c>Store</c>, <c>Providers.NAME</c>).</summary>
    public ConfigurationReference Table(Type type, string prefix, Naming naming, params string[] skip)
    {
        var rows = new List<string[]>();
        Walk(type, prefix, naming, skip, rows, new Dictionary<Type, string>());
        var header = naming.EnvironmentPrefix is null ? new[] { "Setting", "Type", "Default", "Description" } : ["Setting", "Type", "Default", "Environment variable", "Description"];
        Line("| " + string.Join(" | ", header) + " |");
        Line("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            Line("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        return Line();
    }

    public override string ToString() => _text.ToString();

    private void Walk(Type type, string prefix, Naming naming, string[] skip, List<string[]> rows, Dictionary<Type, string> seen)
    {
        seen[type] = prefix;
        var instance = Activator.CreateInstance(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var propertyType = property.PropertyType;
            var bindable = property.SetMethod?.IsPublic == true || (IsCollection(propertyType) && property.GetMethod?.IsPublic == true);
            if (!bindable || skip.Contains(property.Name))
            {
                continue;
            }

            var name = naming.CamelCase ? JsonNamingPolicyCamel(property.Name) : property.Name;
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            var description = Summary(property);
            if (ElementType(propertyType) is { } element && IsOptionsClass(element))
            {
                var itemPath = IsDictionary(propertyType) ? $"{path}.NAME" : $"{path}[N]";
                if (seen.TryGetValue(element, out var first))
                {
                    rows.Add(Row(naming, itemPath, TypeName(propertyType), "", $"{description} Each has the settings listed under `{first}`."));
                    continue;
                }

                Walk(element, itemPath, naming, skip, rows, seen);
                continue;
            }

            if (IsOptionsClass(propertyType))
            {
                if (seen.TryGetValue(propertyType, out var first))
                {
                    rows.Add(Row(naming, path, TypeName(propertyType), "", $"{description} The settings listed under `{first}`."));
                    continue;
                }

                Walk(propertyType, path, naming, skip, rows, seen);
                continue;
            }

            var suffix = IsDictionary(propertyType) ? ".KEY" : IsCollection(propertyType) ? "[N]" : "";
            rows.Add(Row(naming, path + suffix, TypeName(propertyType), Format(property.GetValue(instance)), description));
        }
    }

    private static string[] Row(Naming naming, string path, string type, string value, string description)
    {
        var cells = new List<string> { $"`{path}`", type, value.Length == 0 ? "" : $"`{value}`" };
        if (naming.EnvironmentPrefix is { } env)
        {
            cells.Add("`" + env + IndexPattern().Replace(path, ".$1").Replace(".", "__", StringComparison.Ordinal) + "`");
        }

        cells.Add(description);
        return [.. cells];
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && !IsCollection(type) && type.GetConstructor(Type.EmptyTypes) is not null
        && type.Assembly.GetName().Name!.StartsWith("MpkiConnector", StringComparison.Ordinal);

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsDictionary(Type type) => type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));

    /// <summary>The element type of a list, or the value type of a dictionary; <see langword="null"/> for anything else.</summary>
    private static Type? ElementType(Type type) => !IsCollection(type) ? null : type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[^1] : null;

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner);
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            return type.IsDefined(typeof(FlagsAttribute)) ? $"flags: {string.Join(", ", names)}" : string.Join(" | ", names);
        }

        if (IsDictionary(type))
        {
            return $"map of {TypeName(type.GetGenericArguments()[^1])}";
        }

        if (ElementType(type) is { } element)
        {
            return $"list of {TypeName(element)}";
        }

        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(uint) => "integer",
            _ when type == typeof(double) => "number",
            _ when type == typeof(TimeSpan) => "time span",
            _ when type == typeof(Uri) => "URL",
            _ => type.Name,
        };
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s.Length == 0 ? "\"\"" : s,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        uint u => $"0x{u:X8}",
        IFormattable f and not Enum => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary map => map.Count == 0 ? "{}" : "{" + string.Join(", ", map.Keys.Cast<object?>().Select(k => $"{Format(k)}: {Format(map[k!])}")) + "}",
        IEnumerable items when items.Cast<object?>().All(IsScalar) => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        IEnumerable => "(see the description)",
        _ => value.ToString() ?? "",
    };

    private static bool IsScalar(object? value) => value is null or string or bool or TimeSpan or Uri or Enum || value.GetType().IsPrimitive;

    private string Summary(PropertyInfo property)
    {
        var assembly = property.DeclaringType!.Assembly;
        if (!_docs.TryGetValue(assembly, out var doc))
        {
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            _docs[assembly] = doc = File.Exists(path) ? XDocument.Load(path) : null;
        }

        var member = $"P:{property.DeclaringType.FullName!.Replace('+', '.')}.{property.Name}";
        var summary = doc?.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == member)?.Element("summary");
        return summary is null ? "" : Whitespace().Replace(Render(summary), " ").Trim();
    }

    private static string Render(XElement element) => string.Concat(element.Nodes().Select(node => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "c" or "code" } code => $"`{code.Value}`",
        XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("langword") is { } word => $"`{word.Value}`",
        XElement { Name.LocalName: "see" or "seealso" } see => see.Value.Length > 0 ? see.Value : $"`{CrefName((string?)see.Attribute("cref"))}`",
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{(string?)reference.Attribute("name")}`",
        XElement other => " " + Render(other) + " ",
        _ => "",
    }));

    private static string CrefName(string? cref)
    {
        var name = (cref ?? "").Split('(')[0];
        var parts = name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('.');
        return cref?.StartsWith("T:", StringComparison.Ordinal) == true || parts.Length < 2 ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
    }

    private static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    [GeneratedRegex(@"\[(\w+)\]")]
    private static partial Regex IndexPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
