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
    /// The check value a store records for <paramref name="kek"/>: HMAC-SHA256 of a constant under a key derived from
    /// the KEK (HKDF), base64. It tells whether a KEK is the store's without revealing it.
    /// </summary>
    public static string ComputeCheckValue(ReadOnlySpan<byte> kek)
    {
        Span<byte> macKey = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, kek, macKey, salt: [], info: "MpkiConnector KEK check v1"u8);
        var mac = HMACSHA256.HashData(macKey, "MpkiConnector key-encryption key check value"u8);
        CryptographicOperations.ZeroMemory(macKey);
        return Convert.ToBase64String(mac);
    }

    /// <summary>Re-seals a sealed software key (as <see cref="Storage.StoredKey.EncryptedPkcs8"/> holds it) from <paramref name="oldKek"/> to <paramref name="newKek"/>.</summary>
    /// <exception cref="MpkiException">The key does not open with <paramref name="oldKek"/>.</exception>
    public static byte[] Reseal(ReadOnlySpan<byte> oldKek, ReadOnlySpan<byte> newKek, string keyId, ReadOnlySpan<byte> sealedKey)
    {
        var plaintext = KeySealer.Open(oldKek, keyId, sealedKey);
        try
        {
            return KeySealer.Seal(newKek, keyId, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Whether a sealed software key opens with <paramref name="kek"/>.</summary>
    public static bool Opens(ReadOnlySpan<byte> kek, string keyId, ReadOnlySpan<byte> sealedKey)
    {
        try
        {
            CryptographicOperations.ZeroMemory(KeySealer.Open(kek, keyId, sealedKey));
            return true;
        }
        catch (MpkiException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="options"/> name a KEK at all (the setting, or a non-empty environment variable).</summary>
    internal static bool IsConfigured(MpkiKeyOptions options) =>
        !string.IsNullOrWhiteSpace(options.KeyEncryptionKey)
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(
            string.IsNullOrWhiteSpace(options.KeyEncryptionKeyVariable) ? MpkiKeyOptions.DefaultVariable : options.KeyEncryptionKeyVariable));

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
