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
            errors.Add($"Renewal:Overlap must be positive (it is {options.Overlap}); the default is 30 days.");
        }

        if (options.JitterWindow < TimeSpan.Zero)
        {
            errors.Add("Renewal:JitterWindow must not be negative.");
        }

        if (options.ExpiryWarning < TimeSpan.Zero)
        {
            errors.Add("Renewal:ExpiryWarning must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
