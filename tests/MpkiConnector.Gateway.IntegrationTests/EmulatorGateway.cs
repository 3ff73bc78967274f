using System.Text.Json.Nodes;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

/// <summary>A <see cref="GatewayHarness"/> whose domain example.com is served by an emulator account.</summary>
internal static class EmulatorGateway
{
    public static GatewayHarness Create(RunningEmulator emulator, int maxConcurrent = 4)
    {
        var h = new GatewayHarness(TimeProvider.System);
        h.Config["Providers"]!["scm"] = new JsonObject
        {
            ["Type"] = "emulator",
            ["BaseUrl"] = emulator.BaseAddress.ToString(),
            ["CustomerUri"] = emulator.CustomerUri,
            ["Login"] = emulator.Login,
            ["OrganizationId"] = RunningEmulator.DefaultOrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CertificateType"] = "Emulator S/MIME",
            ["TermDays"] = 365,
            ["MaxConcurrentIssuances"] = maxConcurrent,
        };
        h.Environment["MPKI__Providers__scm__Password"] = emulator.Password;
        h.WithDomain("example.com", "scm", termDays: 365);
        return h;
    }
}
