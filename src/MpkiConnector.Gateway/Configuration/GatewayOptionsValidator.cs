using MpkiConnector.Renewal;

namespace MpkiConnector.Gateway.Configuration;

/// <summary>
/// Checks a <see cref="GatewayOptions"/> and gives one clear line per mistake, naming the setting
/// (<c>Domains[1].Provider: 'dfn' is not a configured provider account (known: sectigo).</c>).
/// </summary>
internal static class GatewayOptionsValidator
{
    /// <summary>Every mistake in <paramref name="options"/>; empty when it is valid.</summary>
    /// <param name="options">The options.</param>
    /// <param name="knownProviderTypes">The provider types that can be created (built-ins and plugins); <see langword="null"/> skips that check.</param>
    /// <param name="environment">Reads environment variables (for the key-encryption key); <see langword="null"/> uses the process environment.</param>
    /// <param name="baseDirectory">The directory relative paths are resolved against; <see langword="null"/> is the current directory.</param>
    public static IReadOnlyList<string> Validate(
        GatewayOptions options,
        IReadOnlyCollection<string>? knownProviderTypes = null,
        Func<string, string?>? environment = null,
        string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        environment ??= Environment.GetEnvironmentVariable;
        baseDirectory ??= Directory.GetCurrentDirectory();

        ValidateProviders(options, knownProviderTypes, errors);
        foreach (var (name, account) in options.Providers)
        {
            for (var i = 0; i < account.TrustedRoots.Count; i++)
            {
                if (!ProviderTrustRoots.TryLoad(account.TrustedRoots[i], baseDirectory, out _, out var rootError))
                {
                    errors.Add($"Providers.{name}.TrustedRoots[{i}]: {rootError}");
                }
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Domains.Count; i++)
        {
            ValidateDomain(options, i, options.Domains[i], seen, errors);
        }

        ValidateFirstMail(options.FirstMail, errors);
        errors.AddRange(options.Store.Validate());

        if (!KeyEncryptionKeyReference.TryResolve(options.KeyEncryptionKey, environment, baseDirectory, out _, out var kekError))
        {
            errors.Add(kekError!);
        }

        ValidateFolders(options, baseDirectory, errors);
        if (options.SigningCacheSize < 1)
        {
            errors.Add($"SigningCacheSize: {options.SigningCacheSize} is not a positive number.");
        }

        if (options.MaxConcurrentMessages < 1)
        {
            errors.Add($"MaxConcurrentMessages: {options.MaxConcurrentMessages} is not a positive number.");
        }

        ValidateLimits(options.Limits, errors);

        return errors;
    }

    /// <summary>Throws a <see cref="GatewayConfigurationException"/> listing every mistake, if there is any.</summary>
    public static void ThrowIfInvalid(
        GatewayOptions options,
        IReadOnlyCollection<string>? knownProviderTypes = null,
        Func<string, string?>? environment = null,
        string? baseDirectory = null)
    {
        var errors = Validate(options, knownProviderTypes, environment, baseDirectory);
        if (errors.Count > 0)
        {
            throw new GatewayConfigurationException(errors);
        }
    }

    private static void ValidateProviders(GatewayOptions options, IReadOnlyCollection<string>? knownTypes, List<string> errors)
    {
        if (options.Providers.Count == 0)
        {
            errors.Add("Providers: no provider account is configured. Add one, e.g. \"Providers\": { \"sectigo\": { \"Type\": \"sectigo\", ... } }.");
        }

        foreach (var (name, account) in options.Providers)
        {
            if (account is null)
            {
                errors.Add($"Providers.{name}: empty. Give it at least a Type.");
                continue;
            }

            var types = knownTypes is null ? null : string.Join(", ", knownTypes.Order(StringComparer.OrdinalIgnoreCase));
            if (string.IsNullOrWhiteSpace(account.Type))
            {
                errors.Add($"Providers.{name}.Type: missing. Set it to one of: {types ?? "sectigo, emulator, fake, or a plugin's type"}.");
            }
            else if (knownTypes is not null && !knownTypes.Contains(account.Type, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Providers.{name}.Type: '{account.Type}' is not a known provider type (known: {types}). A plugin's type is known once its assembly is in the PluginsFolder.");
            }

            if (account.MaxConcurrentIssuances < 1)
            {
                errors.Add($"Providers.{name}.MaxConcurrentIssuances: {account.MaxConcurrentIssuances} is not a positive number.");
            }
        }
    }

    private static void ValidateDomain(GatewayOptions options, int index, ManagedDomainOptions? domain, Dictionary<string, int> seen, List<string> errors)
    {
        var at = $"Domains[{index}]";
        if (domain is null)
        {
            errors.Add($"{at}: empty.");
            return;
        }

        var normalized = DomainName.TryNormalize(domain.Domain);
        if (string.IsNullOrWhiteSpace(domain.Domain))
        {
            errors.Add($"{at}.Domain: missing.");
        }
        else if (normalized is null)
        {
            errors.Add($"{at}.Domain: '{domain.Domain}' is not a valid mail domain (e.g. \"example.com\", no '@').");
        }
        else if (seen.TryGetValue(normalized, out var first))
        {
            errors.Add($"{at}.Domain: '{domain.Domain}' is a duplicate of Domains[{first}] ({normalized}); each domain is listed once.");
        }
        else
        {
            seen[normalized] = index;
        }

        var name = normalized ?? domain.Domain ?? at;
        if (string.IsNullOrWhiteSpace(domain.Provider))
        {
            errors.Add($"{at}.Provider: missing for {name}. Set it to a provider account's name ({KnownAccounts(options)}).");
        }
        else if (!options.Providers.ContainsKey(domain.Provider))
        {
            errors.Add($"{at}.Provider: '{domain.Provider}' (for {name}) is not a configured provider account (known: {KnownAccounts(options)}).");
        }

        if (domain.TermDays is < 1)
        {
            errors.Add($"{at}.TermDays: {domain.TermDays} is not a positive number of days.");
        }

        if (domain.OverlapDays is < 1)
        {
            errors.Add($"{at}.OverlapDays: {domain.OverlapDays} is not a positive number of days.");
        }

        var overlap = domain.OverlapDays is { } days ? TimeSpan.FromDays(days) : options.Renewal.Overlap;
        var policy = new RenewalPolicy(Microsoft.Extensions.Options.Options.Create(options.Renewal), TimeProvider.System);
        if (domain.TermDays is { } term && term >= 1 && overlap > TimeSpan.Zero && !policy.Fits(overlap, TimeSpan.FromDays(term)))
        {
            var source = domain.OverlapDays is null ? "Renewal.Overlap" : $"{at}.OverlapDays";
            var jitter = options.Renewal.JitterWindow > TimeSpan.Zero ? $" plus Renewal.JitterWindow ({options.Renewal.JitterWindow.TotalDays:0.##} days)" : string.Empty;
            errors.Add($"{at}.OverlapDays: the overlap ({overlap.TotalDays:0.##} days, from {source}){jitter} is not shorter than the term ({term} days) of {name}: every certificate would be due for renewal as soon as it is issued. Make the overlap shorter than the term.");
        }

        if (!Enum.IsDefined(domain.KeyAlgorithm))
        {
            errors.Add($"{at}.KeyAlgorithm: '{domain.KeyAlgorithm}' is not a key algorithm (use one of: {string.Join(", ", Enum.GetNames<MpkiKeyAlgorithm>())}).");
        }
    }

    private static void ValidateLimits(MessageLimitOptions limits, List<string> errors)
    {
        if (limits.MaxMessageBytes < 1)
        {
            errors.Add($"Limits.MaxMessageBytes: {limits.MaxMessageBytes} is not a positive number of bytes.");
        }

        if (limits.MaxHeaderBytes < 1024)
        {
            errors.Add($"Limits.MaxHeaderBytes: {limits.MaxHeaderBytes} is below 1024 bytes.");
        }

        if (limits.MaxMimeDepth < 1)
        {
            errors.Add($"Limits.MaxMimeDepth: {limits.MaxMimeDepth} is not a positive number.");
        }

        if (limits.ParseTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Limits.ParseTimeout: {limits.ParseTimeout} is not a positive time span.");
        }
    }

    private static void ValidateFirstMail(FirstMailOptions firstMail, List<string> errors)
    {
        if (!Enum.IsDefined(firstMail.Policy))
        {
            errors.Add($"FirstMail.Policy: '{firstMail.Policy}' is not a policy (use Hold, Defer or SendUnsigned).");
        }

        if (firstMail.HoldTimeout <= TimeSpan.Zero)
        {
            errors.Add($"FirstMail.HoldTimeout: {firstMail.HoldTimeout} is not a positive time span (e.g. \"00:00:30\").");
        }

        if (firstMail.HoldFallback is not (FirstMailPolicy.Defer or FirstMailPolicy.SendUnsigned))
        {
            errors.Add($"FirstMail.HoldFallback: '{firstMail.HoldFallback}' is not a fallback; use Defer or SendUnsigned.");
        }

        if (firstMail.DeferRetryInterval <= TimeSpan.Zero)
        {
            errors.Add($"FirstMail.DeferRetryInterval: {firstMail.DeferRetryInterval} is not a positive time span.");
        }

        if (firstMail.DeferMaxAge <= firstMail.DeferRetryInterval)
        {
            errors.Add($"FirstMail.DeferMaxAge: {firstMail.DeferMaxAge} must be longer than FirstMail.DeferRetryInterval ({firstMail.DeferRetryInterval}).");
        }

        if (firstMail.FailedIssuanceParkTime < TimeSpan.Zero)
        {
            errors.Add($"FirstMail.FailedIssuanceParkTime: {firstMail.FailedIssuanceParkTime} is negative.");
        }
    }

    private static void ValidateFolders(GatewayOptions options, string baseDirectory, List<string> errors)
    {
        var folders = new (string Name, string? Value)[]
        {
            ("Folders.Spool", options.Folders.Spool),
            ("Folders.Outbox", options.Folders.Outbox),
            ("Folders.Deferred", options.Folders.Deferred),
            ("Folders.Rejected", options.Folders.Rejected),
        };
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in folders)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{name}: missing.");
                continue;
            }

            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(value, baseDirectory));
            if (used.TryGetValue(full, out var other))
            {
                errors.Add($"{name}: '{value}' is the same folder as {other}; each folder must be its own.");
            }
            else
            {
                used[full] = name;
            }
        }

        if (!string.IsNullOrWhiteSpace(options.PluginsFolder) && !Directory.Exists(Path.GetFullPath(options.PluginsFolder, baseDirectory)))
        {
            errors.Add($"PluginsFolder: '{options.PluginsFolder}' does not exist. Create it or remove the setting.");
        }
    }

    private static string KnownAccounts(GatewayOptions options) =>
        options.Providers.Count == 0 ? "none configured" : string.Join(", ", options.Providers.Keys.Order(StringComparer.OrdinalIgnoreCase));
}
