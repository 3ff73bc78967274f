using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki init [--config FILE]</c>: a gateway configuration, its key-encryption key and its store, ready to run.</summary>
internal static class InitCommand
{
    public static Command Create(CliCommandFactory factory)
    {
        var type = new Option<string>("--provider-type") { Description = "emulator (the local SCM, default) or sectigo", DefaultValueFactory = _ => "emulator", HelpName = "TYPE" };
        type.AcceptOnlyFromAmong("emulator", "sectigo");
        var account = new Option<string?>("--account") { Description = "The provider account's name (default: the provider type)", HelpName = "NAME" };
        var baseUrl = new Option<string?>("--base-url") { Description = "The CA's address (default: http://127.0.0.1:8088/ for the emulator, https://cert-manager.com/ for Sectigo)", HelpName = "URL" };
        var customer = new Option<string?>("--customer-uri") { Description = "The customer URI of the account (default: emulator's)", HelpName = "URI" };
        var login = new Option<string?>("--login") { Description = "The operator login (default: the emulator's)", HelpName = "LOGIN" };
        var organization = new Option<string?>("--organization-id") { Description = "The organisation ID (see 'mpki provider discover NAME')", HelpName = "ID" };
        var domains = new Option<string[]>("--domain") { Description = "A managed mail domain (repeat for more; default: the sample's example.com, example.org)", HelpName = "DOMAIN", AllowMultipleArgumentsPerToken = false };
        var data = new Option<string>("--data") { Description = "Folder for the store, the key-encryption key and the mail folders", DefaultValueFactory = _ => ".mpki/gateway", HelpName = "DIR" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "init",
            "Writes a gateway configuration (from the sample), creates its key-encryption key (file, mode 0600), its store and mail folders; never overwrites any of them",
            ctx => InitHandler.RunAsync(ctx, new InitSettings(
                ctx.Get(type)!,
                ctx.Get(account),
                ctx.Get(baseUrl),
                ctx.Get(customer),
                ctx.Get(login),
                ctx.Get(organization),
                ctx.Get(domains) ?? [],
                Path.GetFullPath(ctx.Get(data)!)), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            type,
            account,
            baseUrl,
            customer,
            login,
            organization,
            domains,
            data,
            json);
    }
}
