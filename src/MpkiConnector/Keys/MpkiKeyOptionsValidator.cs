using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MpkiConnector;

/// <summary>
/// Checks at start-up that a configured key-encryption key is usable. No KEK at all is not an error here: a host that makes
/// no software keys (TPM only) needs none, and <see cref="SoftwareKeyProvider"/> fails with the same reason when a software
/// key is made or opened without one.
/// </summary>
internal sealed class MpkiKeyOptionsValidator : IValidateOptions<MpkiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, MpkiKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!KeyEncryptionKey.IsConfigured(options))
        {
            return ValidateOptionsResult.Success;
        }

        if (!KeyEncryptionKey.TryResolve(options, out var key, out var error))
        {
            return ValidateOptionsResult.Fail(error);
        }

        CryptographicOperations.ZeroMemory(key);
        return ValidateOptionsResult.Success;
    }
}
