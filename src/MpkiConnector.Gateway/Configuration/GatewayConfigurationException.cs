namespace MpkiConnector.Gateway.Configuration;

/// <summary>
/// The configuration has mistakes. <see cref="Errors"/> holds one line per mistake, each naming the setting
/// (<c>Domains[1].Provider: ...</c>); the message is all of them, one per line. Never holds a secret.
/// </summary>
public sealed class GatewayConfigurationException : Exception
{
    /// <summary>Creates the exception from its mistakes.</summary>
    public GatewayConfigurationException(IReadOnlyList<string> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from one mistake.</summary>
    public GatewayConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception (for serializers and tooling).</summary>
    public GatewayConfigurationException()
        : this("The gateway configuration is invalid.")
    {
    }

    /// <summary>Creates the exception from one mistake with its cause.</summary>
    public GatewayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>The mistakes, one line each.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Format(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "The gateway configuration is invalid.",
            1 => errors[0],
            _ => $"The gateway configuration has {errors.Count} mistakes:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}",
        };
    }
}
