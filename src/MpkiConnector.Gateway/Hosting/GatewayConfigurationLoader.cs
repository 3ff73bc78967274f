using Microsoft.Extensions.Configuration;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Renewal;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>Reads the configuration file, the <c>MPKI__</c> environment overrides and the caller's overrides, and binds <see cref="GatewayOptions"/>.</summary>
internal static class GatewayConfigurationLoader
{
    /// <summary>Reads the file, the environment and the overrides; returns the configuration and the file's folder.</summary>
    public static (IConfigurationRoot Configuration, string BaseDirectory) Load(string configPath, GatewayBuildOptions build)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configPath);
        var fullPath = Path.GetFullPath(configPath);
        if (!File.Exists(fullPath))
        {
            throw new GatewayConfigurationException($"--config: the configuration file '{fullPath}' does not exist.");
        }

        var baseDirectory = Path.GetDirectoryName(fullPath)!;
        var builder = new ConfigurationBuilder();
        try
        {
            builder.AddJsonFile(fullPath, optional: false, reloadOnChange: false);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            throw new GatewayConfigurationException($"--config: '{fullPath}' is not valid JSON: {ex.Message}", ex);
        }

        if (build.Environment is null)
        {
            builder.AddEnvironmentVariables(GatewayOptions.EnvironmentPrefix);
        }
        else
        {
            builder.AddInMemoryCollection(build.Environment
                .Where(e => e.Key.StartsWith(GatewayOptions.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(e => KeyValuePair.Create(e.Key[GatewayOptions.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), e.Value)));
        }

        builder.AddInMemoryCollection(build.Overrides);
        IConfigurationRoot configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            throw new GatewayConfigurationException($"--config: '{fullPath}' cannot be read: {ex.Message}", ex);
        }

        return (configuration, baseDirectory);
    }

    /// <summary>
    /// Binds <see cref="GatewayOptions"/> from <paramref name="configuration"/> (the root of a gateway configuration, or
    /// a host's section of that shape), resolving relative paths against <paramref name="baseDirectory"/>.
    /// A mistake is a <see cref="GatewayConfigurationException"/> naming the setting.
    /// </summary>
    public static GatewayOptions Bind(IConfiguration configuration, string baseDirectory)
    {
        if (ConfigurationShape.Check(configuration) is { Count: > 0 } shapeErrors)
        {
            throw new GatewayConfigurationException(shapeErrors);
        }

        var options = new GatewayOptions();
        try
        {
            configuration.Bind(options);

            // The binder skips a list element it cannot convert; bind each one alone to name the mistake.
            foreach (var domain in configuration.GetSection("Domains").GetChildren())
            {
                domain.Get<ManagedDomainOptions>();
            }

            foreach (var provider in configuration.GetSection("Providers").GetChildren())
            {
                provider.Get<ProviderAccountOptions>();
            }
        }
        catch (InvalidOperationException ex)
        {
            // "Failed to convert configuration value at 'Domains:0:TermDays' to type ..." names the setting.
            var match = System.Text.RegularExpressions.Regex.Match(ex.Message, "at '([^']+)'");
            var setting = match.Success ? match.Groups[1].Value.Replace(':', '.') : "configuration";
            throw new GatewayConfigurationException($"{setting}: {ex.Message}", ex);
        }

        RejectUnknownRenewalSettings(configuration.GetSection("Renewal"));
        foreach (var account in options.Providers.Values)
        {
            account.TrustedRoots = account.TrustedRoots.Select(e => ProviderTrustRoots.Resolve(e, baseDirectory)).ToList();
        }

        options.Store.Path = Resolve(options.Store.Path, baseDirectory);
        options.PluginsFolder = Resolve(options.PluginsFolder, baseDirectory);
        options.Folders.Spool = Resolve(options.Folders.Spool, baseDirectory)!;
        options.Folders.Outbox = Resolve(options.Folders.Outbox, baseDirectory)!;
        options.Folders.Deferred = Resolve(options.Folders.Deferred, baseDirectory)!;
        options.Folders.Rejected = Resolve(options.Folders.Rejected, baseDirectory)!;
        return options;
    }

    /// <summary>A provider account's section flattened for a plugin (keys relative to the section).</summary>
    public static IReadOnlyDictionary<string, string?> Flatten(IConfigurationSection section)
    {
        var prefix = section.Path.Length + 1;
        return section.AsEnumerable()
            .Where(kv => kv.Key.Length > section.Path.Length && kv.Value is not null)
            .ToDictionary(kv => kv.Key[prefix..], kv => kv.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The <c>Renewal</c> section binds core's <see cref="RenewalOptions"/>: a key it lacks (such as the former <c>OverlapDays</c>) would be ignored silently.</summary>
    private static void RejectUnknownRenewalSettings(IConfigurationSection section)
    {
        var known = typeof(RenewalOptions).GetProperties().Select(p => p.Name).ToArray();
        foreach (var key in section.GetChildren().Select(c => c.Key))
        {
            if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new GatewayConfigurationException(
                    $"Renewal.{key}: not a renewal setting (they are {string.Join(", ", known)}; durations are time spans, e.g. \"Overlap\": \"30.00:00:00\").");
            }
        }
    }

    private static string? Resolve(string? path, string baseDirectory) =>
        string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, baseDirectory);
}
