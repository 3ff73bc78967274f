using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Storage;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// <c>mpki kek rotate</c>. Crash-safe: the store changes in one transaction (every key and the check value, or
/// nothing), and only then is the configuration pointed at the new key (an atomic rename). Killed before the commit,
/// the old key opens every key; after it, the new one does, and a start with the old one names both.
/// </summary>
internal static class KekHandlers
{
    public static async Task<int> RotateAsync(CommandContext ctx, string newKeyFile, bool json)
    {
        StoreAccess.RequireExisting(ctx);
        await using var gateway = await GatewayFactory.CreateWithKeysAsync(ctx).ConfigureAwait(false);
        var binding = GatewayFactory.Binding(gateway);
        var keys = gateway.Services.GetRequiredService<IKeyStore>();
        var oldKek = KekBinding.Resolve(gateway.Options.KeyEncryptionKey, gateway.ConfigurationDirectory);
        var newCreated = false;
        if (!File.Exists(newKeyFile))
        {
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(newKeyFile)!);
            PrivateFiles.CreateNew(newKeyFile, KeyEncryptionKey.Generate() + "\n");
            newCreated = true;
        }

        var newKek = KekBinding.Resolve("file:" + newKeyFile, gateway.ConfigurationDirectory);
        try
        {
            if (CryptographicOperations.FixedTimeEquals(oldKek.Key, newKek.Key))
            {
                throw CliException.Configuration($"--new: the key in '{newKeyFile}' is the one in use ({oldKek.Source})");
            }

            var oldCheck = (await binding.GetKeyCheckAsync(ctx.CancellationToken).ConfigureAwait(false))!;
            var resealed = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var key in await keys.ListKeysAsync(SoftwareKeyProvider.ProviderKind, ctx.CancellationToken).ConfigureAwait(false))
            {
                if (key.EncryptedPkcs8 is not null)
                {
                    resealed[key.Id] = KeyEncryptionKey.Reseal(oldKek.Key, newKek.Key, key.Id, key.EncryptedPkcs8);
                }
            }

            var newCheck = new KeyEncryptionKeyCheck(KeyEncryptionKey.ComputeCheckValue(newKek.Key), newKek.Source, TimeProvider.System.GetUtcNow());
            try
            {
                await binding.ResealKeysAsync(resealed, newCheck, oldCheck.CheckValue, ctx.CancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException(ExitCodes.Storage, ex.Message, ex);
            }

            var configUpdated = PointConfigurationAt(ctx.ConfigPath, gateway.Options.KeyEncryptionKey, newKeyFile);
            if (json)
            {
                JsonOutput.Write(ctx, new { Resealed = resealed.Count, From = oldKek.Source, To = newKek.Source, NewKeyCreated = newCreated, ConfigurationUpdated = configUpdated });
                return ExitCodes.Success;
            }

            ctx.WriteLine($"Re-sealed {resealed.Count} key(s) under {newKek.Source}{(newCreated ? " (created, mode 0600)" : string.Empty)}; the store is bound to it.");
            ctx.WriteLine(configUpdated
                ? $"{ctx.ConfigPath}: KeyEncryptionKey now names the new file. Keep the old one ({oldKek.Source}) until you have checked, then destroy it."
                : $"Now set KeyEncryptionKey in {ctx.ConfigPath} to \"file:{newKeyFile}\" (it names {oldKek.Source}, which the store no longer accepts).");
            return ExitCodes.Success;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(oldKek.Key);
            CryptographicOperations.ZeroMemory(newKek.Key);
        }
    }

    /// <summary>Replaces a <c>file:</c> KeyEncryptionKey value in the configuration file (write a copy, then rename over it).</summary>
    private static bool PointConfigurationAt(string configPath, string? oldReference, string newKeyFile)
    {
        if (oldReference is null || !oldReference.Trim().StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var text = File.ReadAllText(configPath);
        var quoted = JsonSerializer.Serialize(oldReference);
        if (!text.Contains(quoted, StringComparison.Ordinal))
        {
            return false; // the reference came from the environment
        }

        var relative = Path.GetRelativePath(Path.GetDirectoryName(configPath)!, newKeyFile);
        var temporary = configPath + ".tmp";
        File.WriteAllText(temporary, text.Replace(quoted, JsonSerializer.Serialize("file:" + relative), StringComparison.Ordinal));
        File.Move(temporary, configPath, overwrite: true);
        return true;
    }
}
