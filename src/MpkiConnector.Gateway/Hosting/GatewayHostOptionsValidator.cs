using Microsoft.Extensions.Options;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>Validates the hosted gateway's configuration section when the host starts (<c>ValidateOnStart</c>).</summary>
internal sealed class GatewayHostOptionsValidator : IValidateOptions<GatewayHostOptions>
{
    private readonly GatewayHostSetup _setup;

    public GatewayHostOptionsValidator(GatewayHostSetup setup)
    {
        _setup = setup;
    }

    public ValidateOptionsResult Validate(string? name, GatewayHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PollInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"GatewayHostOptions.PollInterval: {options.PollInterval} is not a positive time span.");
        }

        var (_, errors) = _setup.Prepare(options.Build);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
