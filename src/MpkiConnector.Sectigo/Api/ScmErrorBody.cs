using System.Text.Json;

namespace MpkiConnector.Sectigo.Api;

/// <summary>The error body of every SCM answer with status 400 or more: <c>{"code": -16, "description": "Unknown user"}</c>.</summary>
internal sealed class ScmErrorBody
{
    public JsonElement? Code { get; set; }

    public string? Description { get; set; }

    public string? Details { get; set; }
}
