using Microsoft.Extensions.Options;

namespace MpkiConnector.Issuance;

/// <summary>Checks <see cref="IssuanceOptions"/> at start-up.</summary>
internal sealed class IssuanceOptionsValidator : IValidateOptions<IssuanceOptions>
{
    public ValidateOptionsResult Validate(string? name, IssuanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxWait < TimeSpan.Zero)
        {
            errors.Add("Issuance:MaxWait must not be negative.");
        }

        if (options.MaxPolls < 0)
        {
            errors.Add("Issuance:MaxPolls must not be negative.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add("Issuance:PollInterval must be positive.");
        }

        if (options.FirstPollDelay < TimeSpan.Zero)
        {
            errors.Add("Issuance:FirstPollDelay must not be negative.");
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            errors.Add("Issuance:InitialBackoff must be positive and Issuance:MaxBackoff at least as long.");
        }

        if (options.KeyPoolSize < 0 || options.KeyPoolLowWater < 0 || (options.KeyPoolSize > 0 && options.KeyPoolLowWater >= options.KeyPoolSize))
        {
            errors.Add("Issuance:KeyPoolSize and Issuance:KeyPoolLowWater must not be negative, and the low-water mark must be below the size.");
        }

        if (options.GiveUpAfter <= TimeSpan.Zero)
        {
            errors.Add("Issuance:GiveUpAfter must be positive.");
        }

        if (options.IntentLease < TimeSpan.Zero)
        {
            errors.Add("Issuance:IntentLease must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
