using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>JSON on standard output: camelCase, indented, enums as names.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(CommandContext ctx, T value)
    {
        ctx.Io.Out.WriteLine(ctx.Redactor.Redact(JsonSerializer.Serialize(value, Options)));
        ctx.Io.Out.Flush();
    }
}
