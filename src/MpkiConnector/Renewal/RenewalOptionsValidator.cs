using Microsoft.Extensions.Options;

namespace MpkiConnector.Renewal;

/// <summary>Checks <see cref="RenewalOptions"/> at start-up.</summary>
internal sealed class RenewalOptionsValidator : IValidateOptions<RenewalOptions>
{
    public ValidateOptionsResult Validate(string? name, RenewalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Overlap <= TimeSpan.Zero)
        {
            errors.Add($"Renewal:Overlap must be positive (it is {options.Overlap}); the default is 30 days (\"30.00:00:00\").");
        }

        if (options.JitterWindow < TimeSpan.Zero)
        {
            errors.Add($"Renewal:JitterWindow must not be negative (it is {options.JitterWindow}).");
        }

        if (options.CheckInterval <= TimeSpan.Zero)
        {
            errors.Add($"Renewal:CheckInterval must be a positive time span (it is {options.CheckInterval}; e.g. \"01:00:00\").");
        }

        if (options.CheckJitter < TimeSpan.Zero)
        {
            errors.Add($"Renewal:CheckJitter must not be negative (it is {options.CheckJitter}).");
        }

        if (options.ExpiryWarning < TimeSpan.Zero)
        {
            errors.Add($"Renewal:ExpiryWarning must not be negative (it is {options.ExpiryWarning}).");
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            errors.Add($"Renewal:InitialBackoff/MaxBackoff ({options.InitialBackoff} / {options.MaxBackoff}): the initial back-off must be positive and not longer than the maximum.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
