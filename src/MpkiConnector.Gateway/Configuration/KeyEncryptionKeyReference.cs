namespace MpkiConnector.Gateway.Configuration;

/// <summary>
/// Resolves the <see cref="GatewayOptions.KeyEncryptionKey"/> reference: <c>env:VARIABLE</c>, <c>file:PATH</c>
/// (a file holding the key in base64) or <c>base64:VALUE</c> (only for an environment override, never in a file).
/// The key is 32 bytes. Error messages name the setting and never show the key.
/// </summary>
public static class KeyEncryptionKeyReference
{
    /// <summary>The setting's name, as used in messages.</summary>
    public const string SettingName = "KeyEncryptionKey";

    /// <summary>Resolves the reference; an error is a one-line message naming the setting.</summary>
    /// <param name="reference">The configured reference.</param>
    /// <param name="environment">Reads an environment variable (tests pass their own).</param>
    /// <param name="baseDirectory">The directory relative file paths are resolved against.</param>
    /// <param name="key">The key, when resolved.</param>
    /// <param name="error">The mistake, when not.</param>
    public static bool TryResolve(string? reference, Func<string, string?> environment, string baseDirectory, out byte[]? key, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        key = null;
        error = null;
        if (string.IsNullOrWhiteSpace(reference))
        {
            error = $"{SettingName}: missing. Set it to env:VARIABLE (an environment variable holding 32 random bytes in base64, e.g. from 'openssl rand -base64 32') or file:PATH, or set the environment variable MPKI__{SettingName}.";
            return false;
        }

        string? encoded;
        var trimmed = reference.Trim();
        if (trimmed.StartsWith("env:", StringComparison.OrdinalIgnoreCase))
        {
            var name = trimmed[4..].Trim();
            encoded = name.Length == 0 ? null : environment(name);
            if (string.IsNullOrWhiteSpace(encoded))
            {
                error = $"{SettingName}: the environment variable '{name}' is not set. Set it to 32 random bytes in base64 (e.g. from 'openssl rand -base64 32').";
                return false;
            }
        }
        else if (trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(trimmed[5..].Trim(), baseDirectory);
            if (!File.Exists(path))
            {
                error = $"{SettingName}: the key file '{path}' does not exist. Create it with 32 random bytes in base64 (e.g. 'openssl rand -base64 32 > {Path.GetFileName(path)}', mode 0600).";
                return false;
            }

            encoded = File.ReadAllText(path);
        }
        else if (trimmed.StartsWith("base64:", StringComparison.OrdinalIgnoreCase))
        {
            encoded = trimmed[7..];
        }
        else
        {
            error = $"{SettingName}: not a key reference. Use env:VARIABLE or file:PATH (the key itself never goes into the configuration file).";
            return false;
        }

        try
        {
            key = Convert.FromBase64String(encoded.Trim());
        }
        catch (FormatException)
        {
            error = $"{SettingName}: the key it refers to is not valid base64. It must be 32 random bytes in base64.";
            return false;
        }

        if (key.Length != 32)
        {
            error = $"{SettingName}: the key it refers to is {key.Length} bytes long; it must be 32 bytes (AES-256).";
            key = null;
            return false;
        }

        return true;
    }
}
