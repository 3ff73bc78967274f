using System.Text.Json;

namespace MpkiConnector.Sectigo.Api;

/// <summary>An item of <c>GET /api/smime/v1/types</c>: <c>{id, name, description, terms, keyTypes, useSecondaryOrgName}</c>.</summary>
internal sealed class ScmCertificateType
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<int>? Terms { get; set; }

    public JsonElement? KeyTypes { get; set; }

    public bool? UseSecondaryOrgName { get; set; }

    /// <summary>
    /// The key types by algorithm, from either form SCM sends: an object (<c>{"RSA":["2048"],"EC":["P256"]}</c>) or an
    /// array of strings (<c>["RSA - 2048", "EC - P256"]</c>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ReadKeyTypes()
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (KeyTypes is not { } e)
        {
            return result;
        }

        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in e.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(Text).ToList()
                    : [Text(property.Value)];
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString() ?? string.Empty))
            {
                var parts = value.Split([' ', '-', ':'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var algorithm = parts.Length > 0 ? parts[0] : value;
                var size = parts.Length > 1 ? parts[1] : string.Empty;
                var list = result.TryGetValue(algorithm, out var existing) ? existing.ToList() : [];
                if (size.Length > 0)
                {
                    list.Add(size);
                }

                result[algorithm] = list;
            }
        }

        return result;
    }

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
}
