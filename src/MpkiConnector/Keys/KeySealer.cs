using System.Security.Cryptography;
using System.Text;

namespace MpkiConnector;

/// <summary>Seals PKCS#8 with AES-256-GCM: <c>nonce(12) || tag(16) || ciphertext</c>, the key id as associated data.</summary>
internal static class KeySealer
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(ReadOnlySpan<byte> kek, string keyId, ReadOnlySpan<byte> plaintext)
    {
        var sealedKey = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedKey.AsSpan(0, NonceSize);
        var tag = sealedKey.AsSpan(NonceSize, TagSize);
        var ciphertext = sealedKey.AsSpan(NonceSize + TagSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.UTF8.GetBytes(keyId));
        return sealedKey;
    }

    /// <summary>Opens a sealed key; the caller zeroes the result.</summary>
    /// <exception cref="MpkiException">The record is too short, or the KEK or key id does not match.</exception>
    public static byte[] Open(ReadOnlySpan<byte> kek, string keyId, ReadOnlySpan<byte> sealedKey)
    {
        if (sealedKey.Length <= NonceSize + TagSize)
        {
            throw new MpkiException(MpkiErrorKind.Configuration, $"The stored key '{keyId}' is damaged (too short to be a sealed key).");
        }

        var plaintext = new byte[sealedKey.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(kek, TagSize);
            aes.Decrypt(sealedKey[..NonceSize], sealedKey[(NonceSize + TagSize)..], sealedKey.Slice(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(keyId));
            return plaintext;
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new MpkiException(
                MpkiErrorKind.Configuration,
                $"The stored key '{keyId}' could not be decrypted: the key-encryption key is not the one it was sealed with, or the record is damaged.")
            {
                Remediation = "Configure the key-encryption key (MPKI_KEK) that was in use when the key was created.",
            };
        }
    }
}
