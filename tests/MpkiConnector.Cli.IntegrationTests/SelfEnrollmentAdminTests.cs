using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// The operator's side of self-enrollment against the emulator over HTTP, with the provider on the Admin Operations API
/// (OAuth2): <c>mpki tpm invite</c> (the invitation e-mail caught by a local SMTP catcher) and <c>mpki certs list --at-ca</c>.
/// </summary>
public sealed class SelfEnrollmentAdminTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private CapturingSmtpServer? _smtp;
    private RunningEmulator? _emulator;
    private ProviderPasswordScope? _password;
    private string _config = string.Empty;

    public async Task InitializeAsync()
    {
        _smtp = await CapturingSmtpServer.StartAsync();
        _emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Mail.SmtpPort = _smtp.Port;
            o.Customers[0].EnrollmentEndpoints.Add(new EmulatorEnrollmentEndpoint
            {
                Name = "Two accounts", UriExtension = "two",
                Accounts =
                [
                    new EmulatorWebFormAccount { Name = "First", OrganizationId = 1001, ProfileIds = [2001] },
                    new EmulatorWebFormAccount { Name = "Second", OrganizationId = 1001, ProfileIds = [2001] },
                ],
            });
        });
        _password = new ProviderPasswordScope(_emulator.Password);
        var config = GatewayConfigFile.Sample(_folder, _emulator.BaseAddress);
        var provider = config["Providers"]!["emulator"]!;
        provider["Auth"] = "OAuth2";
        provider["ClientId"] = "operator-client";
        provider["ClientSecret"] = "operator-secret";
        provider["TokenUrl"] = new Uri(_emulator.BaseAddress, "auth/realms/apiclients/protocol/openid-connect/token").ToString();
        _config = GatewayConfigFile.Write(_folder, config);
    }

    public async Task DisposeAsync()
    {
        _password?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task TpmInvite_FormWithOneAccount_CaMailsTheEnrollmentLink()
    {
        var result = await CliRunner.RunAsync("tpm", "invite", "dana.diaz@example.com", "--form", "Client certificates", "--json", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using (var json = JsonDocument.Parse(result.Output))
        {
            Assert.Equal("Client certificates", json.RootElement.GetProperty("form").GetString());
            Assert.Equal("Staff", json.RootElement.GetProperty("account").GetString());
        }

        var message = Assert.Single(await _smtp!.WaitForAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal(["dana.diaz@example.com"], message.Recipients);
        Assert.Matches(new Uri(_emulator!.BaseAddress, "enroll/smime/invitation/").ToString() + "[A-Za-z0-9_-]{40,}", Encoding.UTF8.GetString(message.Data));
        using var admin = _emulator.CreateClient();
        var person = await admin.GetFromJsonAsync<JsonElement>("api/person/v1?email=dana.diaz%40example.com");
        Assert.Equal("dana.diaz@example.com", person[0].GetProperty("email").GetString());
    }

    [Fact]
    public async Task TpmInvite_UnknownFormOrAmbiguousAccount_OneLineNamingWhatExists()
    {
        var noForm = await CliRunner.RunAsync("tpm", "invite", "erin@example.com", "--form", "Nope", "--config", _config);
        var ambiguous = await CliRunner.RunAsync("tpm", "invite", "erin@example.com", "--form", "Two accounts", "--config", _config);
        var noAccount = await CliRunner.RunAsync("tpm", "invite", "erin@example.com", "--form", "Two accounts", "--account", "Third", "--config", _config);
        var chosen = await CliRunner.RunAsync("tpm", "invite", "erin@example.com", "--form", "two ACCOUNTS", "--account", "second", "--config", _config);

        Assert.Equal(4, noForm.ExitCode);
        Assert.Contains("Client certificates, Device certificates, Two accounts", Assert.Single(noForm.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("First, Second", Assert.Single(ambiguous.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("--account", ambiguous.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(4, noAccount.ExitCode);
        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        Assert.Contains("account 'Second'", chosen.Output, StringComparison.Ordinal);
        Assert.Single(await _smtp!.WaitForAsync(1, TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task CertsListAtCa_PersonAndDeviceOrders_ListsBothKindsFromTheCa()
    {
        using var classic = _emulator!.CreateClient();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var smimeCsr = new CertificateRequest("CN=Fay", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using (var smime = await classic.PostAsJsonAsync("api/smime/v1/enroll", new
        {
            orgId = 1001, csr = smimeCsr, certType = 2001, term = 365, email = "fay@example.com", firstName = "Fay", lastName = "Example",
        }))
        {
            Assert.True(smime.IsSuccessStatusCode, await smime.Content.ReadAsStringAsync());
        }

        var deviceCsr = new CertificateRequest("CN=desk-7.example.com", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        using (var device = await classic.PostAsJsonAsync("api/device/v1/enroll", new { orgId = 1001, csr = deviceCsr, certType = 2003, term = 365 }))
        {
            Assert.True(device.IsSuccessStatusCode, await device.Content.ReadAsStringAsync());
        }

        var result = await CliRunner.RunAsync("certs", "list", "--at-ca", "--json", "--config", _config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["Device", "Person"], items.Select(i => i.GetProperty("kind").GetString()).Order());
        Assert.All(items, i => Assert.Equal("emulator", i.GetProperty("provider").GetString()));
        Assert.All(items, i => Assert.Contains(i.GetProperty("status").GetString(), new[] { "requested", "issued" }));
        var table = await CliRunner.RunAsync("certs", "list", "--at-ca", "--config", _config);
        Assert.Contains("2 certificate(s) at the CA", table.Output, StringComparison.Ordinal);
    }
}
