using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

/// <summary><c>AddMpkiGateway</c> with <see cref="GatewayHostOptions.ServeSmtp"/>: the hosted service listens, signs and relays.</summary>
public sealed class HostedGatewayTests
{
    [Fact]
    public async Task StartAsync_ServeSmtp_SignsMailTakenInOverSmtpAndRelaysIt()
    {
        await using var h = new SmtpGatewayHarness();
        h.Gateway.Config["Store"] = new JsonObject { ["Path"] = h.Gateway.Temp.Combine("data", "mpki.db") };
        h.Gateway.Config["Folders"] = new JsonObject
        {
            ["Spool"] = h.Gateway.Spool,
            ["Outbox"] = h.Gateway.Outbox,
            ["Deferred"] = h.Gateway.Deferred,
            ["Rejected"] = h.Gateway.Rejected,
        };
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(new JsonObject { ["Gateway"] = h.Gateway.Config.DeepClone() }.ToJsonString())))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMpkiGateway(configuration.GetSection("Gateway"), gateway =>
        {
            gateway.ServeSmtp = true;
            gateway.Build.Environment = h.Gateway.Environment;
            foreach (var factory in h.Gateway.Build.ProviderFactories)
            {
                gateway.Build.ProviderFactories.Add(factory);
            }
        });
        await using var provider = services.BuildServiceProvider();
        await using var nextHop = await CapturingSmtpServer.StartAsync(h.NextHopPort);
        var hosted = Assert.Single(provider.GetServices<IHostedService>());

        await hosted.StartAsync(CancellationToken.None);
        await h.SendAsync(SmtpGatewayHarness.Mail("Alice <alice@example.com>", "bob@partner.test", "Signed by the hosted gateway.\r\n"));
        var captured = Assert.Single(await nextHop.WaitForAsync(1, TimeSpan.FromSeconds(60)));
        await hosted.StopAsync(CancellationToken.None);

        var message = await MimeMessage.LoadAsync(new MemoryStream(captured.Data));
        Assert.IsType<MultipartSigned>(message.Body);
        Assert.Equal(["bob@partner.test"], captured.Recipients);
        await Assert.ThrowsAnyAsync<Exception>(() => h.SendAsync(SmtpGatewayHarness.Mail("alice@example.com", "bob@partner.test")));
    }
}
