using System.Text.Json;

namespace MpkiConnector.Sectigo.Emulator.Tests.Contract;

/// <summary>Every status of 400 or more carries SCM's <c>{"code": number, "description": string}</c>.</summary>
internal static class ErrorBody
{
    public static string? Check(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
                && root.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String
                ? null
                : "the error body lacks a numeric code or a description";
        }
        catch (JsonException)
        {
            return "the error body is not JSON";
        }
    }
}
