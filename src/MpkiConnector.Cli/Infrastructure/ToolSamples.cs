namespace MpkiConnector.Cli.Infrastructure;

/// <summary>The samples shipped inside the tool (beside mpki.dll): the sample configuration and the demo's mail.</summary>
internal static class ToolSamples
{
    /// <summary>The sample gateway configuration (a copy of the repository's config/gateway.json).</summary>
    public static string GatewayConfig => Path.Combine(AppContext.BaseDirectory, "samples", "gateway.json");

    /// <summary>The demo's mail corpus (a copy of the repository's examples/mail).</summary>
    public static string Mail => Path.Combine(AppContext.BaseDirectory, "samples", "mail");
}
