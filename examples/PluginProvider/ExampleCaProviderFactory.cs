using System.Globalization;
using MpkiConnector.Plugins;

namespace MpkiConnector.Examples.PluginProvider;

/// <summary>
/// The plugin's entry point: the gateway finds this public class in the plugins folder and uses it for every provider
/// account whose <c>Type</c> is <c>example-ca</c>. Settings: <c>TermDays</c> (default 365); <c>Domains</c>, the mail domains
/// it issues for, comma-separated (default: any).
/// </summary>
public sealed class ExampleCaProviderFactory : IMpkiProviderFactory
{
    /// <inheritdoc />
    public string Type => "example-ca";

    /// <inheritdoc />
    public IMpkiProvider Create(MpkiProviderFactoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var termDays = 365;
        if (context.Settings.TryGetValue("TermDays", out var term) && term is not null)
        {
            if (!int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out termDays) || termDays < 1)
            {
                throw new MpkiException(MpkiErrorKind.Configuration, $"Providers.{context.Name}.TermDays: '{term}' is not a positive number of days.");
            }
        }

        var domains = context.Settings.TryGetValue("Domains", out var list) && !string.IsNullOrWhiteSpace(list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;
        return new ExampleCaProvider(context.Name, termDays, context.TimeProvider, domains);
    }
}
