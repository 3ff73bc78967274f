using System.Text.Json.Nodes;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary>The repository's config/gateway.json, changed by a test and written to a temporary folder.</summary>
internal static class GatewayConfigFile
{
    public const string KekVariable = "MPKI_CLI_TEST_KEK";

    /// <summary>The sample configuration with its key-encryption key taken from <see cref="KekVariable"/>, store and folders in <paramref name="folder"/>.</summary>
    public static JsonObject Sample(TempDirectory folder, Uri? emulator = null)
    {
        Environment.SetEnvironmentVariable(KekVariable, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var root = JsonNode.Parse(File.ReadAllText(RepositoryPaths.GatewayConfig), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        root["KeyEncryptionKey"] = "env:" + KekVariable;
        if (emulator is not null)
        {
            root["Providers"]!["emulator"]!["BaseUrl"] = emulator.ToString();
        }

        root["Store"] = new JsonObject { ["Path"] = folder.Combine("mpki.db") };
        root["Folders"] = new JsonObject
        {
            ["Spool"] = folder.Combine("spool"),
            ["Outbox"] = folder.Combine("outbox"),
            ["Deferred"] = folder.Combine("deferred"),
            ["Rejected"] = folder.Combine("rejected"),
        };
        return root;
    }

    public static string Write(TempDirectory folder, JsonObject configuration, string name = "gateway.json")
    {
        var path = folder.Combine(name);
        File.WriteAllText(path, configuration.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
