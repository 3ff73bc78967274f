using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using MpkiConnector.Cli;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.TestUtils;

namespace MpkiConnector.SelfEnrollment.Tests;

/// <summary>
/// The whole self-enrollment in a real browser (Debian's chromium, headless) against the emulator over HTTP on 127.0.0.1,
/// then the one-time link handed to <c>mpki tpm enroll --link</c> with swtpm, on a configuration with no CA password.
/// </summary>
public sealed partial class SelfEnrollmentBrowserTests(SelfEnrollmentFixture fixture) : IClassFixture<SelfEnrollmentFixture>
{
    [Fact]
    public async Task SelfEnroll_ClientCertificate_InstalledInTpmChainVerifiesAndSecondVisitListsItWithAdd()
    {
        var config = WriteDesktopConfig("client");
        var page = await NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Emulator.BaseAddress, "enroll/smime").ToString());
        await ShotAsync(page, "client", "01-welcome");
        var before = fixture.Smtp.Messages.Count;
        var operatorConfig = WriteOperatorConfig();
        var invited = await RunCliAsync("tpm", "invite", "jane.self@example.com", "--form", "Client certificates", "--config", operatorConfig);
        Assert.Contains("jane.self@example.com", invited, StringComparison.Ordinal);
        var invitation = await CaughtLinkAsync(before, "jane.self@example.com");
        var link = await EnrollInBrowserAsync(page, invitation, "staff-access-code", "client", deviceName: null, keyType: "EC-P256");

        var installed = await RunCliAsync("tpm", "enroll", "--link", link, "--trust-root", "--json", "--config", config);
        using var json = JsonDocument.Parse(installed);
        Assert.Equal("installed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("jane.self@example.com", json.RootElement.GetProperty("subject").GetString());
        var certificate = json.RootElement.GetProperty("certificate");
        Assert.Equal("EcdsaP256", certificate.GetProperty("algorithm").GetString());
        Assert.Contains("E=jane.self@example.com", certificate.GetProperty("subject").GetString(), StringComparison.Ordinal);
        await AssertInstalledAsync(certificate.GetProperty("installPath").GetString()!, config);
        var trusted = json.RootElement.GetProperty("root").GetProperty("trustedPath").GetString()!;
        Assert.StartsWith(fixture.Folder.Combine("trust"), trusted, StringComparison.Ordinal);
        Assert.Contains("BEGIN CERTIFICATE", await File.ReadAllTextAsync(trusted), StringComparison.Ordinal);

        var order = Assert.Single(await fixture.Emulator.Emulator.GetOrdersAsync(fixture.Emulator.CustomerUri), o => o.Email == "jane.self@example.com");
        Assert.Equal("issued", order.State);
        using (var atCa = JsonDocument.Parse(await RunCliAsync("certs", "list", "--at-ca", "--json", "--config", operatorConfig)))
        {
            var listed = Assert.Single(atCa.RootElement.EnumerateArray(), i => i.GetProperty("serialNumber").GetString() == order.SerialNumber);
            Assert.Equal("issued", listed.GetProperty("status").GetString());
        }

        // The link was used up: a second client (another correlation id) is refused; the person's second visit lists the certificate with Add (+).
        var reused = await RunCliRawAsync("tpm", "enroll", "--link", link, "--config", WriteDesktopConfig("other"));
        Assert.NotEqual(0, reused.ExitCode);
        Assert.Contains("already been used", reused.Error, StringComparison.Ordinal);

        await page.GotoAsync(invitation);
        await page.GetByLabel("Access code").FillAsync("staff-access-code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Your certificates", await page.Locator("h1").InnerTextAsync());
        Assert.Contains(order.SerialNumber!, await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Add a certificate" }).IsVisibleAsync());
        await ShotAsync(page, "client", "09-certificates-with-add");
    }

    [Fact]
    public async Task SelfEnroll_DeviceCertificate_InstalledInTpmWithoutCaPasswordAndChainVerifies()
    {
        var config = WriteDesktopConfig("device");
        Assert.DoesNotContain("Password", await File.ReadAllTextAsync(config), StringComparison.OrdinalIgnoreCase);
        var page = await NewPageAsync();

        var invitation = await ConfirmEmailAsync(page, "device", "it.person@example.com", "device");
        var link = await EnrollInBrowserAsync(page, invitation, "desktop-access-code", "device", "laptop-7.example.com", "RSA-2048");

        var output = await RunCliAsync("tpm", "enroll", "--link", link, "--config", config);
        Assert.Contains("Enrolled a device certificate for laptop-7.example.com", output, StringComparison.Ordinal);
        Assert.Contains("SHA-256 fingerprint", output, StringComparison.Ordinal);
        Assert.Contains("--trust-root", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(fixture.Folder.Combine("trust", "device")));
        var folder = Assert.Single(Directory.GetDirectories(fixture.Folder.Combine("installed", "device")));
        await AssertInstalledAsync(folder, config);
        Assert.Contains(await fixture.Emulator.Emulator.GetOrdersAsync(fixture.Emulator.CustomerUri), o => o.Kind == "device" && o.State == "issued");
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 900, Height = 760 } });
        return await context.NewPageAsync();
    }

    /// <summary>Welcome page, e-mail entry; returns the link from the e-mail the emulator sent.</summary>
    private async Task<string> ConfirmEmailAsync(IPage page, string form, string email, string shots)
    {
        var before = fixture.Smtp.Messages.Count;
        await page.GotoAsync(new Uri(fixture.Emulator.BaseAddress, "enroll/" + form).ToString());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await ShotAsync(page, shots, "01-welcome");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me the link" }).ClickAsync();
        Assert.Equal("Check your mailbox", await page.Locator("h1").InnerTextAsync());
        await ShotAsync(page, shots, "02-check-mailbox");

        return await CaughtLinkAsync(before, email);
    }

    /// <summary>The enrollment link in the latest e-mail to <paramref name="email"/> the SMTP catcher got.</summary>
    private async Task<string> CaughtLinkAsync(int before, string email)
    {
        var messages = await fixture.Smtp.WaitForAsync(before + 1, TimeSpan.FromSeconds(20));
        var mail = messages.Last(m => m.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase));
        using var message = MimeMessage.Load(new MemoryStream(mail.Data));
        return InvitationLink().Match(message.TextBody ?? string.Empty).Value;
    }

    /// <summary>Invitation link, access code (a wrong one first), details, EULA (refused unticked, then accepted); returns the mpki-enroll: link.</summary>
    private async Task<string> EnrollInBrowserAsync(IPage page, string invitation, string accessCode, string shots, string? deviceName, string keyType)
    {
        await page.GotoAsync(invitation);
        Assert.Equal("Enter your access code", await page.Locator("h1").InnerTextAsync());
        await ShotAsync(page, shots, "03-access-code");
        await page.GetByLabel("Access code").FillAsync("not-the-code");
        var refused = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        Assert.Equal("true", await page.GetByLabel("Access code").GetAttributeAsync("aria-invalid"));
        Assert.Contains("ask your administrator", await page.Locator("#accessCode-error").InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(page, shots, "04-access-code-wrong");

        await page.GetByLabel("Access code").FillAsync(accessCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Certificate details", await page.Locator("h1").InnerTextAsync());
        if (deviceName is not null)
        {
            await page.GetByLabel("Device name").FillAsync(deviceName);
        }

        await page.GetByLabel("Key type").SelectOptionAsync(keyType);
        await ShotAsync(page, shots, "05-details");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Accept the terms of use", await page.Locator("h1").InnerTextAsync());
        await ShotAsync(page, shots, "06-eula");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        Assert.Contains("must accept the terms", await page.Locator("#eula-error").InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(page, shots, "07-eula-not-accepted");
        await page.GetByLabel("I accept the terms of use").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        Assert.Equal("Finish on your computer", await page.Locator("h1").InnerTextAsync());
        await ShotAsync(page, shots, "08-enrollment-link");

        var link = await page.Locator("#link-text").InputValueAsync();
        Assert.Equal(link, await page.GetByRole(AriaRole.Link, new() { Name = "Enroll on this computer" }).GetAttributeAsync("href"));
        Assert.StartsWith("mpki-enroll:", link, StringComparison.Ordinal);
        return link;
    }

    /// <summary>The certificate chains to the root with openssl, and its TPM key verifies as not exportable.</summary>
    private static async Task AssertInstalledAsync(string folder, string config)
    {
        var verified = await OpenSslRunner.RunSuccessfullyAsync(
            "verify", "-CAfile", Path.Combine(folder, "root.pem"), "-untrusted", Path.Combine(folder, "chain.pem"), Path.Combine(folder, "cert.pem"));
        Assert.Contains("cert.pem: OK", verified, StringComparison.Ordinal);
        var verify = await RunCliAsync("tpm", "verify", "--config", config);
        Assert.Contains("✓ the private key cannot be exported", verify, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", verify, StringComparison.Ordinal);
    }

    /// <summary>A desktop's configuration: a store, the TPM, install and trust folders; no provider account, no CA password, no key-encryption key.</summary>
    private string WriteDesktopConfig(string name)
    {
        var configuration = new JsonObject
        {
            ["Store"] = new JsonObject { ["Path"] = fixture.Folder.Combine(name + ".db") },
            ["Tpm"] = new JsonObject
            {
                ["Tcti"] = fixture.Tpm.Tcti,
                ["InstallDirectory"] = fixture.Folder.Combine("installed", name),
                ["TrustFolder"] = fixture.Folder.Combine("trust", name),
            },
        };
        var path = fixture.Folder.Combine(name + ".json");
        File.WriteAllText(path, configuration.ToJsonString());
        return path;
    }

    /// <summary>The operator's configuration: the emulator account over OAuth2 (its own machine, not the person's desktop).</summary>
    private string WriteOperatorConfig()
    {
        var configuration = new JsonObject
        {
            ["Providers"] = new JsonObject
            {
                ["emulator"] = new JsonObject
                {
                    ["Type"] = "emulator",
                    ["BaseUrl"] = fixture.Emulator.BaseAddress.ToString(),
                    ["CustomerUri"] = fixture.Emulator.CustomerUri,
                    ["Login"] = fixture.Emulator.Login,
                    ["OrganizationId"] = "1001",
                    ["CertificateType"] = "Emulator S/MIME",
                    ["Auth"] = "OAuth2",
                    ["ClientId"] = "operator-client",
                    ["ClientSecret"] = "operator-secret",
                    ["TokenUrl"] = new Uri(fixture.Emulator.BaseAddress, "auth/realms/apiclients/protocol/openid-connect/token").ToString(),
                },
            },
            ["KeyEncryptionKey"] = "base64:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Store"] = new JsonObject { ["Path"] = fixture.Folder.Combine("operator.db") },
        };
        var path = fixture.Folder.Combine("operator.json");
        File.WriteAllText(path, configuration.ToJsonString());
        return path;
    }

    private async Task ShotAsync(IPage page, string flow, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Screenshots, $"{flow}-{name}.png"), FullPage = true });

    private static async Task<string> RunCliAsync(params string[] args)
    {
        var result = await RunCliRawAsync(args);
        Assert.True(result.ExitCode == 0, $"mpki {string.Join(' ', args.Select(a => a.StartsWith("mpki-enroll:", StringComparison.Ordinal) ? "LINK" : a))} exited {result.ExitCode}\n{result.Output}\n{result.Error}");
        return result.Output;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunCliRawAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MpkiCli.RunAsync(args, new CliIo(output, error, interactive: false), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"http://\S+/invitation/\S+")]
    private static partial Regex InvitationLink();
}
