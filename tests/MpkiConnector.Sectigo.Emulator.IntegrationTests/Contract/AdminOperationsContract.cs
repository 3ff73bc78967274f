using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MpkiConnector.Sectigo.Emulator.Tests.Contract;

/// <summary>
/// The Admin Operations OpenAPI document 25.9.2 (the paths the emulator serves, <c>admin-operations.json</c>, made by
/// <c>extract-contract.py</c>): checks one answer against the operation's documented statuses, media types, headers and
/// response schema (JSON Schema 2020-12, JsonSchema.Net).
/// </summary>
internal static class AdminOperationsContract
{
    private static readonly JsonObject Document = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "admin-operations.json")))!;
    private static readonly JsonObject Defs = (JsonObject)JsonNode.Parse(
        Document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    /// <summary>
    /// Where the document itself is wrong: 25.9.2 gives <c>GET /api/smime/v2/{certId}</c> the schema <c>DetailsResponse</c>
    /// of a discovery task (a name collision in Sectigo's generator: <c>name</c>, <c>agent</c>, <c>ranges</c>, a task status);
    /// the answer is checked against <c>CertDetailsResponse</c>, the document's certificate details (the fields 25.5 lists
    /// for client certificate details).
    /// </summary>
    private static readonly Dictionary<string, string> SchemaOverrides = new(StringComparer.Ordinal)
    {
        ["GET /api/smime/v2/{certId} 200"] = "{\"$ref\": \"#/components/schemas/CertDetailsResponse\"}",
    };

    /// <summary>Null when the answer matches the document, else what drifted.</summary>
    public static string? Check(string method, string path, int status, string? mediaType, bool hasWwwAuthenticate, byte[] body)
    {
        var template = ContractPaths.Match(((JsonObject)Document["paths"]!).Select(p => p.Key), path);
        if (template is null)
        {
            return status >= 400 ? ErrorBody.Check(body) : $"{path} is not a path of the Admin Operations document";
        }

        if (Document["paths"]![template]![method.ToLowerInvariant()] is not JsonObject operation)
        {
            return status is 404 or 405 ? ErrorBody.Check(body) : $"{method} is not an operation of {template}";
        }

        var responses = (JsonObject)operation["responses"]!;
        if (responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return $"status {status} is not documented for {method} {template} (documented: {string.Join(", ", responses.Select(r => r.Key))})";
        }

        if (response["$ref"]?.GetValue<string>() is { } reference)
        {
            response = (JsonObject)Document["components"]!["responses"]![reference.Split('/')[^1]]!;
        }

        if (response["headers"]?["WWW-Authenticate"] is not null && !hasWwwAuthenticate)
        {
            return "the WWW-Authenticate header is missing";
        }

        if (response["content"] is not JsonObject content)
        {
            return status >= 400 ? ErrorBody.Check(body) : body.Length == 0 ? null : $"a body where the document has none ({body.Length} bytes)";
        }

        if (content["application/octet-stream"] is not null)
        {
            return mediaType == "application/octet-stream" ? null : $"media type {mediaType}, documented application/octet-stream";
        }

        if (content["application/json"]?["schema"] is not JsonNode schemaNode)
        {
            return $"no application/json schema for {status} (documented: {string.Join(", ", content.Select(c => c.Key))})";
        }

        if (mediaType != "application/json")
        {
            return $"media type {mediaType}, documented application/json";
        }

        var schema = Schemas.GetOrAdd($"{method} {template} {status}", _ =>
        {
            var text = SchemaOverrides.GetValueOrDefault($"{method} {template} {status}") ?? schemaNode.ToJsonString();
            var root = (JsonObject)JsonNode.Parse(text.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = Defs.DeepClone();
            return JsonSchema.FromText(root.ToJsonString());
        });
        using var instance = JsonDocument.Parse(body);
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? null
            : string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5));
    }
}
