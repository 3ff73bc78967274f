using Microsoft.Extensions.DependencyInjection;

namespace MpkiConnector.DependencyInjection;

internal sealed class MpkiProviderCatalog(IServiceProvider services, IEnumerable<MpkiProviderRegistration> registrations) : IMpkiProviderCatalog
{
    public IReadOnlyCollection<string> Names { get; } = registrations.Select(r => r.Name).ToArray();

    public IMpkiProvider Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            var known = Names.Count == 0 ? "none" : string.Join(", ", Names);
            throw new MpkiException(MpkiErrorKind.Configuration, $"No provider account named '{name}' is configured (known: {known}).");
        }

        return services.GetRequiredKeyedService<IMpkiProvider>(name);
    }
}
