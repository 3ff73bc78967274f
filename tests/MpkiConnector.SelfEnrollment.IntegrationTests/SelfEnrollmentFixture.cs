using Microsoft.Playwright;
using MpkiConnector.TestUtils;

namespace MpkiConnector.SelfEnrollment.Tests;

/// <summary>
/// One emulator (its invitation and confirmation e-mails go to a local SMTP catcher), one swtpm and one headless Debian
/// chromium for the whole class. Screenshots go to <c>TestResults/self-enrollment</c> under the test output folder.
/// </summary>
public sealed class SelfEnrollmentFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium binary (scripts/test.sh installs the package); the browser is never downloaded.</summary>
    public const string ChromiumPath = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;

    public TempDirectory Folder { get; } = new();

    public CapturingSmtpServer Smtp { get; private set; } = null!;

    public RunningEmulator Emulator { get; private set; } = null!;

    public SoftwareTpm Tpm { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "self-enrollment");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Smtp = await CapturingSmtpServer.StartAsync();
        Emulator = await RunningEmulator.StartAsync(o => o.Mail.SmtpPort = Smtp.Port);
        Tpm = await SoftwareTpm.StartAsync(Folder.Combine("swtpm"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Tpm is not null)
        {
            await Tpm.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        Folder.Dispose();
    }
}
