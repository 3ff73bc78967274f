using System.ComponentModel;
using MpkiConnector.Plugins;

namespace MpkiConnector.Testing;

/// <summary>
/// The factory of <see cref="FakeMpkiProvider"/> accounts (type <c>fake</c>), handed to a gateway as a built-in type
/// like any plugin's factory. The account's settings set the <see cref="FakeMpkiProviderOptions"/> of the same names
/// (<c>PendingCount</c>, <c>Reject</c>, <c>DefaultTermDays</c>...).
/// </summary>
public sealed class FakeMpkiProviderFactory : IMpkiProviderFactory
{
    /// <summary>The type of a fake account.</summary>
    public const string FakeType = "fake";

    /// <inheritdoc />
    public string Type => FakeType;

    /// <inheritdoc />
    public IMpkiProvider Create(MpkiProviderFactoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new FakeMpkiProviderOptions();
        foreach (var property in typeof(FakeMpkiProviderOptions).GetProperties().Where(p => p.CanWrite))
        {
            if (!context.Settings.TryGetValue(property.Name, out var text) || text is null)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            try
            {
                property.SetValue(options, TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException)
            {
                throw new MpkiException(MpkiErrorKind.Configuration, $"Providers.{context.Name}.{property.Name}: '{text}' is not a valid {type.Name}.", ex);
            }
        }

        return new FakeMpkiProvider(context.Name, options, context.TimeProvider);
    }
}
