using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MpkiConnector;

/// <summary>Checks at start-up that a usable key-encryption key is configured.</summary>
internal sealed class MpkiKeyOptionsValidator : IValidateOptions<MpkiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, MpkiKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!KeyEncryptionKey.TryResolve(options, out var key, out var error))
        {
            return ValidateOptionsResult.Fail(error);
        }

        CryptographicOperations.ZeroMemory(key);
        return ValidateOptionsResult.Success;
    }
}
