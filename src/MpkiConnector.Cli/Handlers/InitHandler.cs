using Microsoft.Extensions.Configuration;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Storage;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// <c>mpki init</c>: the configuration file, the key-encryption key (a file, mode 0600), the mail folders and the
/// store bound to that key. Idempotent: what exists is kept (and checked), never overwritten; nothing is asked.
/// </summary>
internal static class InitHandler
{
    public static async Task<int> RunAsync(CommandContext ctx, InitSettings settings, bool json)
    {
        var configPath = ctx.ConfigPathAsGiven;
        ctx.UseConfig(configPath);
        var configCreated = !File.Exists(configPath);
        if (configCreated)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
            var text = InitConfigWriter.Create(settings, configPath);
            using (var stream = new FileStream(configPath, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(text).ConfigureAwait(false);
            }
        }

        var configuration = ctx.Configuration;
        var baseDirectory = Path.GetDirectoryName(configPath)!;
        var kekReference = configuration["KeyEncryptionKey"];
        var kekCreated = CreateKeyFileWhenMissing(kekReference, baseDirectory);
        var kek = KekBinding.Resolve(kekReference, baseDirectory);

        var folders = new[] { "Spool", "Outbox", "Deferred", "Rejected" }
            .Select(f => configuration[$"Folders:{f}"])
            .OfType<string>()
            .Select(f => Path.GetFullPath(f, baseDirectory))
            .ToArray();
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
        }

        var storePath = configuration["Store:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, baseDirectory)
            : throw CliException.Configuration($"Store.Path: missing in '{configPath}'");
        var storeCreated = !File.Exists(storePath);
        Directory.CreateDirectory(Path.GetDirectoryName(storePath)!);
        using (var store = await SqliteMpkiStore.OpenAsync(storePath, cancellationToken: ctx.CancellationToken).ConfigureAwait(false))
        {
            await KekBinding.VerifyAsync(store, store, kek, storePath, TimeProvider.System, ctx.CancellationToken).ConfigureAwait(false);
        }

        var provider = configuration.GetSection("Providers").GetChildren().FirstOrDefault()?.Key ?? settings.AccountName;
        if (json)
        {
            JsonOutput.Write(ctx, new
            {
                Config = configPath,
                ConfigCreated = configCreated,
                KeyEncryptionKey = kek.Source,
                KeyEncryptionKeyCreated = kekCreated,
                Store = storePath,
                StoreCreated = storeCreated,
                Folders = folders,
            });
            return ExitCodes.Success;
        }

        ctx.WriteLine($"{(configCreated ? "Wrote" : "Kept")} {configPath}");
        ctx.WriteLine($"{(kekCreated ? "Created" : "Kept")} the key-encryption key {kek.Source}{(kekCreated ? " (mode 0600; keep a copy apart from the store)" : string.Empty)}");
        ctx.WriteLine($"{(storeCreated ? "Created" : "Kept")} the store {storePath}, bound to that key");
        ctx.WriteLine($"Mail folders: {string.Join(", ", folders)}");
        ctx.WriteLine("Next:");
        ctx.WriteLine($"  export MPKI__{GatewaySettingsPrefix(provider)}__Password=...   (the CA password; the emulator's default account: operator-password)");
        ctx.WriteLine($"  put .eml files into {folders.FirstOrDefault() ?? "the spool folder"}, then: mpki gateway run --once{(configPath == Path.GetFullPath(CliConfiguration.DefaultGatewayConfig) ? string.Empty : $" --config {configPath}")}");
        return ExitCodes.Success;
    }

    private static string GatewaySettingsPrefix(string provider) => $"Providers__{provider}";

    /// <summary>For a <c>file:</c> reference whose file does not exist: 32 random bytes in base64, mode 0600. Never overwrites.</summary>
    private static bool CreateKeyFileWhenMissing(string? reference, string baseDirectory)
    {
        if (reference is null || !reference.Trim().StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = Path.GetFullPath(reference.Trim()[5..].Trim(), baseDirectory);
        if (File.Exists(path))
        {
            return false;
        }

        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        PrivateFiles.CreateNew(path, KeyEncryptionKey.Generate() + "\n");
        return true;
    }
}
