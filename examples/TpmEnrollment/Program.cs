// A TPM enrollment, end to end (Linux):
//   dotnet run --project examples/TpmEnrollment                       starts its own swtpm in a temp folder
//   dotnet run --project examples/TpmEnrollment -- --tcti device:/dev/tpmrm0 --email you@example.com
// The key pair is generated inside the TPM and never leaves it; the CSR is signed inside it; the certificate is
// enrolled through a provider account (journaled), validated, and installed beside its key reference with its chain and root.
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Examples.TpmEnrollment;
using MpkiConnector.LocalCa;
using MpkiConnector.Tpm;

[assembly: SupportedOSPlatform("linux")]

var tcti = Option(args, "--tcti");
var email = Option(args, "--email") ?? "alice@example.com";
var device = Option(args, "--device") ?? "laptop-42.example.com";
var data = Option(args, "--data") ?? Directory.CreateTempSubdirectory("mpki-tpm-example-").FullName;

await using var swtpm = tcti is null ? await SwtpmProcess.StartAsync(Path.Combine(data, "swtpm")) : null;
tcti ??= swtpm!.Tcti;
Console.WriteLine($"TPM: {tcti}   data: {data}");

using var ca = LocalCertificateAuthority.LoadOrCreate(Path.Combine(data, "ca"), "Example");
var services = new ServiceCollection();
services.AddMpkiConnector()
    .AddSqliteStore(Path.Combine(data, "mpki.db"))
    // Only TPM keys are made here, but the issuance service also holds the software key provider, which needs a
    // key-encryption key: a real deployment takes it from configuration or MPKI_KEK.
    .ConfigureKeys(keys => keys.KeyEncryptionKey = Environment.GetEnvironmentVariable("MPKI_KEK") ?? KeyEncryptionKey.Generate())
    .AddProvider("local", (_, name) => new LocalCaProvider(name, ca))
    .AddTpmKeys(options =>
    {
        options.Tcti = tcti;
        options.InstallDirectory = Path.Combine(data, "installed");
    });
await using var provider = services.BuildServiceProvider();

// Enrollment goes through the journaled issuance service: a run stopped half-way, or a CA that has not issued yet
// (Pending), is finished by the same call again or by ResumeAsync, with the same TPM key and no second order.
var enrollment = provider.GetRequiredService<TpmEnrollmentService>();
await enrollment.ResumeAsync();
var requests = new[]
{
    new TpmEnrollmentRequest("local", MpkiCertificateKind.Person, email),
    new TpmEnrollmentRequest("local", MpkiCertificateKind.Device, device) { Algorithm = MpkiKeyAlgorithm.EcdsaP256 },
};
foreach (var request in requests)
{
    switch (await enrollment.EnrollAsync(request))
    {
        case TpmEnrollmentResult.Installed { Certificate: var c }:
            Console.WriteLine($"{c.Kind} certificate {c.SerialNumber} for {c.Address}: key {c.KeyReference}, installed in {c.InstallPath}");
            break;
        case TpmEnrollmentResult.Pending pending:
            Console.WriteLine($"{pending.Address}: pending at the CA ({pending.Status}); run again to finish order {pending.OrderId}");
            return 2;
        case TpmEnrollmentResult.Failed failed:
            Console.Error.WriteLine($"{failed.Address}: {failed.Reason}");
            return 1;
    }
}

var failures = 0;
foreach (var result in await provider.GetRequiredService<TpmVerification>().VerifyAsync())
{
    Console.WriteLine(
        $"{result.Certificate.Address,-28} {result.KeyProvider,-16} not exportable: {Yes(result.KeyNotExportable)}  " +
        $"sign/verify: {Yes(result.SignVerifyPassed)}  {result.Problem}");
    failures += result.Passed ? 0 : 1;
}

return failures == 0 ? 0 : 1;

static string? Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string Yes(bool value) => value ? "yes" : "NO";
