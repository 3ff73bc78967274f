// Issues one S/MIME certificate through a Sectigo account; here the local emulator (start it with `mpki emulator`).
//   MPKI__Providers__emulator__Password=operator-password dotnet run --project examples/EmbeddingDi -- http://127.0.0.1:8088/ jane.doe@example.com
// The key-encryption key (32 random bytes, base64) comes from MPKI_KEK; without it the example makes a throwaway one.
using Microsoft.Extensions.Configuration;
using MpkiConnector;
using MpkiConnector.Examples.EmbeddingDi;

var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:8088/";
var email = args.Length > 1 ? args[1] : "jane.doe@example.com";
var database = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "mpki-embedding-example.db");

// The account's settings, as they would be in appsettings.json; secrets come from the environment (MPKI__...).
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Providers:emulator:BaseUrl"] = baseUrl,
        ["Providers:emulator:CustomerUri"] = "emulator",
        ["Providers:emulator:Login"] = "operator",
        ["Providers:emulator:OrganizationId"] = "1001",
        ["Providers:emulator:CertificateType"] = "Emulator S/MIME",
        ["Providers:emulator:TermDays"] = "365",
        ["Keys:KeyEncryptionKey"] = Environment.GetEnvironmentVariable("MPKI_KEK") ?? KeyEncryptionKey.Generate(),
    })
    .AddEnvironmentVariables("MPKI__")
    .Build();

try
{
    var certificate = await IssueOneCertificate.RunAsync(configuration, database, email, Console.Out);
    Console.WriteLine(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", certificate.Der));
    return 0;
}
catch (MpkiException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 3;
}
