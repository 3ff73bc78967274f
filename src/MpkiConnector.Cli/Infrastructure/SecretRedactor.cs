using Microsoft.Extensions.Configuration;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>
/// Removes every secret value of the configuration (passwords, key-encryption keys, tokens) from text before it
/// is printed: a last line of defence behind the libraries' own care.
/// </summary>
internal sealed class SecretRedactor
{
    private static readonly string[] SecretKeyParts = ["password", "secret", "kek", "keyencryptionkey", "token", "apikey", "passphrase"];
    private readonly List<string> _secrets = [];

    public void AddFrom(IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (!string.IsNullOrEmpty(value) && value.Length >= 4 && IsSecretKey(key))
            {
                Add(value);
            }
        }
    }

    public void AddFromEnvironment()
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith("MPKI", StringComparison.OrdinalIgnoreCase)
                && entry.Value is string value && value.Length >= 4 && IsSecretKey(key))
            {
                Add(value);
            }
        }
    }

    public void Add(string secret)
    {
        if (IsReference(secret))
        {
            return; // env:NAME, file:PATH say where a secret is, not what it is
        }

        if (!string.IsNullOrEmpty(secret) && !_secrets.Contains(secret, StringComparer.Ordinal))
        {
            _secrets.Add(secret);
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private static bool IsReference(string value) =>
        value.StartsWith("env:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    private static bool IsSecretKey(string key)
    {
        var normalized = key.Replace("_", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal);
        if (normalized.EndsWith("file", StringComparison.OrdinalIgnoreCase) || normalized.EndsWith("path", StringComparison.OrdinalIgnoreCase)
            || normalized.EndsWith("variable", StringComparison.OrdinalIgnoreCase) || normalized.EndsWith("env", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return SecretKeyParts.Any(p => normalized.Contains(p, StringComparison.OrdinalIgnoreCase));
    }
}
