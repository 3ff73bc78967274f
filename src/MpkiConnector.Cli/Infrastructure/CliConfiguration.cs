using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Loads the JSON configuration file and the <c>MPKI__</c> environment overrides.</summary>
internal static class CliConfiguration
{
    public const string DefaultGatewayConfig = "config/gateway.json";
    public const string EnvironmentPrefix = "MPKI__";

    /// <summary>Resolves <paramref name="path"/>: as given, or for the default, the nearest <c>config/gateway.json</c> upwards.</summary>
    public static string ResolvePath(string path, string defaultPath)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) || !string.Equals(path, defaultPath, StringComparison.Ordinal))
        {
            return full;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, defaultPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return full;
    }

    /// <summary>Loads a configuration file; every mistake is a one-line <see cref="CliException"/> naming the file.</summary>
    public static IConfigurationRoot Load(string path, SecretRedactor redactor, IDictionary<string, string?>? overrides = null)
    {
        if (!File.Exists(path))
        {
            throw CliException.Configuration($"configuration file '{path}' not found (use --config FILE)");
        }

        // Parse once ourselves: the configuration provider's message for bad JSON is long and nested.
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            throw CliException.Configuration($"configuration file '{path}' is not valid JSON{where}");
        }

        var builder = new ConfigurationBuilder()
            .AddJsonFile(path, optional: false, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        var configuration = builder.Build();
        redactor.AddFrom(configuration);
        return configuration;
    }
}
