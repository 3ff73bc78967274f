using Microsoft.Extensions.Options;

namespace MpkiConnector.Tpm;

/// <summary>Checks <see cref="TpmOptions"/> at start.</summary>
public sealed class TpmOptionsValidator : IValidateOptions<TpmOptions>
{
    private const uint OwnerPersistentFirst = 0x81000000;
    private const uint OwnerPersistentLast = 0x817FFFFF;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Tcti) || options.Tcti.Any(char.IsControl))
        {
            failures.Add("Tpm:Tcti must name a TCTI, for example 'device:/dev/tpmrm0' or 'swtpm:port=2321'.");
        }

        if (options.PersistentHandleFirst < OwnerPersistentFirst || options.PersistentHandleLast > OwnerPersistentLast
            || options.PersistentHandleFirst > options.PersistentHandleLast)
        {
            failures.Add("Tpm:PersistentHandleFirst..PersistentHandleLast must be a range inside the owner's persistent handles 0x81000000-0x817FFFFF.");
        }

        if (options.AllowedAlgorithms.Any(a => !Enum.IsDefined(a)))
        {
            failures.Add("Tpm:AllowedAlgorithms names an unknown algorithm (known: " + string.Join(", ", Enum.GetNames<MpkiKeyAlgorithm>()) + ").");
        }

        if (options.CommandTimeout <= TimeSpan.Zero)
        {
            failures.Add("Tpm:CommandTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
