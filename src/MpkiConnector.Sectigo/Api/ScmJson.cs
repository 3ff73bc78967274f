using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpkiConnector.Sectigo.Api;

/// <summary>The JSON settings of the SCM REST API: camelCase names, numbers accepted as strings and back.</summary>
internal static class ScmJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new FlexibleStringConverter() },
    };
}
