using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Testing;

namespace MpkiConnector.DependencyInjection;

/// <summary>Registers <see cref="FakeMpkiProvider"/> accounts (tests and demos).</summary>
public static class FakeProviderBuilderExtensions
{
    /// <summary>Adds a fake provider account named <paramref name="name"/>; resolve it through <see cref="IMpkiProviderCatalog"/> and cast to <see cref="FakeMpkiProvider"/> to turn its knobs.</summary>
    public static MpkiConnectorBuilder AddFakeProvider(this MpkiConnectorBuilder builder, string name, Action<FakeMpkiProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddProvider(name, (services, providerName) =>
        {
            var options = new FakeMpkiProviderOptions();
            configure?.Invoke(options);
            return new FakeMpkiProvider(providerName, options, services.GetService<TimeProvider>());
        });
    }
}
