using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpkiConnector.Plugins;

namespace MpkiConnector.Sectigo;

/// <summary>
/// The provider factory of Sectigo SCM accounts, handed to a gateway as a built-in type exactly as a plugin's factory
/// is: <c>sectigo</c>, and <c>emulator</c> (the same client pointed at a local SCM emulator). The account's settings
/// are <see cref="SectigoOptions"/> (<c>BaseUrl</c>, <c>CustomerUri</c>, <c>Login</c>, <c>Password</c>...); a mistake is an
/// <see cref="MpkiException"/> of kind <see cref="MpkiErrorKind.Configuration"/> naming every wrong setting. Each account
/// gets its own HttpClient with its Polly policies; logs go to the host's <see cref="ILoggerFactory"/> when it has one.
/// </summary>
public sealed class SectigoMpkiProviderFactory : IMpkiProviderFactory
{
    /// <summary>The type of a Sectigo SCM account.</summary>
    public const string SectigoType = "sectigo";

    /// <summary>The type of an account at the local SCM emulator (the same provider).</summary>
    public const string EmulatorType = "emulator";

    /// <summary>A factory of the type <c>sectigo</c>.</summary>
    public SectigoMpkiProviderFactory()
        : this(SectigoType)
    {
    }

    /// <summary>A factory of the Sectigo provider under another type name (for example <see cref="EmulatorType"/>).</summary>
    public SectigoMpkiProviderFactory(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Type = type;
    }

    /// <inheritdoc />
    public string Type { get; }

    /// <inheritdoc />
    public IMpkiProvider Create(MpkiProviderFactoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Name;
        var services = new ServiceCollection();
        services.AddSingleton(context.TimeProvider);
        if (context.Services?.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
        {
            services.AddSingleton(loggers);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(context.Settings).Build();
        services.AddOptions<SectigoOptions>(name).Bind(configuration);
        SectigoServiceRegistration.AddAccount(services, name);
        var owner = services.BuildServiceProvider();
        try
        {
            _ = owner.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get(name);
        }
        catch (OptionsValidationException ex)
        {
            owner.Dispose();
            throw new MpkiException(MpkiErrorKind.Configuration, string.Join(" ", ex.Failures), ex);
        }
        catch (InvalidOperationException ex)
        {
            // The binder: "Failed to convert configuration value at 'TermDays' to type 'System.Int32'."
            owner.Dispose();
            throw new MpkiException(MpkiErrorKind.Configuration, $"Sectigo account '{name}': {ex.Message}", ex);
        }

        return SectigoServiceRegistration.CreateProvider(owner, name, owner);
    }
}
