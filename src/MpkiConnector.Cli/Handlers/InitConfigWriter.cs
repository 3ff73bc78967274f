using System.Text.Json;
using System.Text.Json.Nodes;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

/// <summary>Makes the gateway configuration <c>mpki init</c> writes: the sample, with the account, domains and paths it was given.</summary>
internal static class InitConfigWriter
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static string Create(InitSettings settings, string configPath)
    {
        if (!File.Exists(ToolSamples.GatewayConfig))
        {
            throw CliException.NotFound($"the sample configuration '{ToolSamples.GatewayConfig}' is missing from this installation of mpki");
        }

        var root = JsonNode.Parse(File.ReadAllText(ToolSamples.GatewayConfig), documentOptions: ReadOptions)!.AsObject();
        var sampleAccount = root["Providers"]!.AsObject().First().Value!.AsObject();
        var sampleDomains = root["Domains"]!.AsArray().Select(d => d!["Domain"]!.GetValue<string>()).ToArray();
        var domains = settings.Domains.Count > 0 ? settings.Domains.Select(d => d.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray() : sampleDomains;
        var name = settings.AccountName;

        var account = new JsonObject { ["Type"] = settings.ProviderType.ToLowerInvariant() };
        if (settings.IsEmulator)
        {
            foreach (var (key, value) in sampleAccount)
            {
                account[key] = value?.DeepClone();
            }
        }
        else
        {
            account["BaseUrl"] = "https://cert-manager.com/";
            account["KeyAlgorithm"] = "RSA-2048";
        }

        Set(account, "BaseUrl", settings.BaseUrl);
        Set(account, "CustomerUri", settings.CustomerUri);
        Set(account, "Login", settings.Login);
        Set(account, "OrganizationId", settings.OrganizationId);
        account["Domains"] = new JsonArray([.. domains.Select(d => JsonValue.Create(d))]);

        var directory = Path.GetDirectoryName(configPath)!;
        string Relative(string file) => Path.GetRelativePath(directory, Path.Combine(settings.DataFolder, file));
        root["_comment"] = new JsonArray(
            "Written by 'mpki init'. No secrets in this file: the CA password comes from the environment",
            $"(MPKI__Providers__{name}__Password); the key-encryption key is the file named below (mode 0600; keep a copy apart from the store).",
            "Any setting can be overridden from the environment: MPKI__Section__Key. The sample with every setting: config/gateway.json of the repository.");
        root["Providers"] = new JsonObject { [name] = account };
        root["Domains"] = new JsonArray([.. domains.Select(d => (JsonNode)new JsonObject
        {
            ["Domain"] = d,
            ["Provider"] = name,
            ["CertificateType"] = account["CertificateType"]?.DeepClone(),
            ["TermDays"] = account["TermDays"]?.DeepClone(),
            ["KeyAlgorithm"] = "Rsa2048",
            ["AutoIssue"] = true,
        })]);
        root["Store"] = new JsonObject { ["Path"] = Relative("mpki.db") };
        root["KeyEncryptionKey"] = "file:" + Relative("kek.b64");
        root["Folders"] = new JsonObject
        {
            ["Spool"] = Relative("spool"),
            ["Outbox"] = Relative("outbox"),
            ["Deferred"] = Relative("deferred"),
            ["Rejected"] = Relative("rejected"),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine;
    }

    private static void Set(JsonObject account, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            account[key] = value.Trim();
        }
    }
}
