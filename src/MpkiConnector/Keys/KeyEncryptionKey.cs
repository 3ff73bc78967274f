using System.Security.Cryptography;

namespace MpkiConnector;

/// <summary>Helpers for the key-encryption key (KEK) that seals software private keys.</summary>
public static class KeyEncryptionKey
{
    /// <summary>The size of a KEK in bytes (AES-256).</summary>
    public const int SizeInBytes = 32;

    /// <summary>Makes a new random KEK, base64; keep it secret (configuration secret or environment variable).</summary>
    public static string Generate()
    {
        var key = RandomNumberGenerator.GetBytes(SizeInBytes);
        try
        {
            return Convert.ToBase64String(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Finds and decodes the KEK from <paramref name="options"/> (or its environment variable). Returns the reason
    /// when it is missing or malformed; the reason names the setting and never contains the value.
    /// </summary>
    internal static bool TryResolve(MpkiKeyOptions options, out byte[] key, out string error)
    {
        key = [];
        string? text;
        string source;
        if (!string.IsNullOrWhiteSpace(options.KeyEncryptionKey))
        {
            text = options.KeyEncryptionKey;
            source = $"The setting {nameof(MpkiKeyOptions.KeyEncryptionKey)}";
        }
        else
        {
            var variable = string.IsNullOrWhiteSpace(options.KeyEncryptionKeyVariable) ? MpkiKeyOptions.DefaultVariable : options.KeyEncryptionKeyVariable;
            text = Environment.GetEnvironmentVariable(variable);
            source = $"The environment variable {variable}";
            if (string.IsNullOrWhiteSpace(text))
            {
                error = $"No key-encryption key is configured: set {nameof(MpkiKeyOptions.KeyEncryptionKey)} or the environment variable {variable} " +
                        $"to 32 random bytes in base64 (for example the output of 'openssl rand -base64 32').";
                return false;
            }
        }

        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written))
        {
            CryptographicOperations.ZeroMemory(buffer);
            error = $"{source} is not valid base64; the key-encryption key must be 32 random bytes in base64.";
            return false;
        }

        if (written != SizeInBytes)
        {
            CryptographicOperations.ZeroMemory(buffer);
            error = $"{source} decodes to {written} bytes; the key-encryption key must be exactly {SizeInBytes} bytes (base64 of 32 random bytes).";
            return false;
        }

        key = buffer[..SizeInBytes];
        CryptographicOperations.ZeroMemory(buffer);
        error = string.Empty;
        return true;
    }
}
