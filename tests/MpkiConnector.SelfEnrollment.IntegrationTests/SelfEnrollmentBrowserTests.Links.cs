using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace MpkiConnector.SelfEnrollment.Tests;

/// <summary>The one-time link's rules, end to end: pending then resumed with the same link, single use, expiry, unknown form.</summary>
public sealed partial class SelfEnrollmentBrowserTests
{
    [Fact]
    public async Task TpmEnrollLink_CaPendingThenSameLinkAgain_ResumesTheOneOrderAndAnotherCorrelationIsRefused()
    {
        var config = WriteDesktopConfig("pending");
        var page = await NewPageAsync();
        var link = await EnrollInBrowserAsync(page, await ConfirmEmailAsync(page, "smime", "sam.pending@example.com", "pending"), "staff-access-code", "pending", null, "RSA-2048");
        fixture.Emulator.Behavior.IssueAfterCollects = int.MaxValue;
        try
        {
            var pending = await RunCliRawAsync("tpm", "enroll", "--link", link, "--wait", "0", "--config", config);
            Assert.True(pending.ExitCode == 7, pending.Output + pending.Error);
            Assert.Contains("same link", pending.Output, StringComparison.Ordinal);

            using var api = LinkApi(link);
            var info = await api.GetFromJsonAsync<JsonElement>("enroll/api/v1/link");
            Assert.Equal("used", info.GetProperty("state").GetString());
            using var other = await api.PostAsJsonAsync("enroll/api/v1/orders", new { correlationId = "someone-else", csr = "x" });
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
            Assert.Equal("link-used", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        finally
        {
            fixture.Emulator.Behavior.IssueAfterCollects = 0;
        }

        var resumed = await RunCliAsync("tpm", "enroll", "--link", link, "--config", config);
        Assert.Contains("Enrolled a client certificate for sam.pending@example.com", resumed, StringComparison.Ordinal);
        Assert.Single(await fixture.Emulator.Emulator.GetOrdersAsync(fixture.Emulator.CustomerUri), o => o.Email == "sam.pending@example.com");
    }

    [Fact]
    public async Task TpmEnrollLink_Expired_OneLineErrorSaysOpenTheFormAgainAndNoOrder()
    {
        var page = await NewPageAsync();
        var unknown = await page.GotoAsync(new Uri(fixture.Emulator.BaseAddress, "enroll/no-such-form").ToString());
        Assert.Equal(404, unknown!.Status);
        Assert.Contains("ask your administrator", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        fixture.Emulator.Options.EnrollmentLinkLifetime = TimeSpan.Zero;
        string link;
        try
        {
            link = await EnrollInBrowserAsync(page, await ConfirmEmailAsync(page, "smime", "late.larry@example.com", "expired"), "staff-access-code", "expired", null, "RSA-2048");
        }
        finally
        {
            fixture.Emulator.Options.EnrollmentLinkLifetime = TimeSpan.FromMinutes(15);
        }

        var result = await RunCliRawAsync("tpm", "enroll", "--link", link, "--config", WriteDesktopConfig("expired"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("expired", result.Error, StringComparison.Ordinal);
        Assert.Contains("Open the enrollment page again", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkToken(link), result.Error + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Emulator.Emulator.GetOrdersAsync(fixture.Emulator.CustomerUri), o => o.Email == "late.larry@example.com");
    }

    private HttpClient LinkApi(string link)
    {
        var client = fixture.Emulator.CreateBareClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LinkToken(link));
        return client;
    }

    private static string LinkToken(string link) =>
        link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
}
