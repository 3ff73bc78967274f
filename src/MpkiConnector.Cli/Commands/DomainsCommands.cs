using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki domains list|add|remove</c>.</summary>
internal static class DomainsCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        return CliCommandFactory.Group("domains", "The managed mail domains", List(factory), Add(factory), Remove(factory));
    }

    private static Command List(CliCommandFactory factory)
    {
        var json = CommonOptions.Json();
        return factory.Leaf(
            "list",
            "Lists the managed domains (from the configuration and added at run time)",
            ctx => DomainsHandlers.ListAsync(ctx, ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            json);
    }

    private static Command Add(CliCommandFactory factory)
    {
        var domain = new Argument<string>("DOMAIN") { Description = "The mail domain, for example example.com" };
        var provider = new Option<string>("--provider") { Description = "The provider account that issues for it", Required = true, HelpName = "NAME" };
        var type = new Option<string?>("--type") { Description = "Certificate type (id or name); default: the account's", HelpName = "TYPE" };
        var term = new Option<int?>("--term") { Description = "Term in days; default: the account's", HelpName = "DAYS" };
        var key = new Option<string?>("--key") { Description = "Key algorithm: " + KeyAlgorithmNames.Accepted, HelpName = "ALG" };
        var atCa = new Option<bool>("--at-ca") { Description = "First create the domain at the CA and delegate it to the account's organisation for S/MIME, where the account may" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "add",
            "Adds a managed domain after checking with the CA: domain known and delegated, type exists, term offered, key type allowed",
            ctx => DomainsHandlers.AddAsync(ctx, ctx.Get(domain)!, ctx.Get(provider)!, ctx.Get(type), ctx.Get(term), ctx.Get(key), ctx.Get(atCa), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            domain,
            provider,
            type,
            term,
            key,
            atCa,
            json);
    }

    private static Command Remove(CliCommandFactory factory)
    {
        var domain = new Argument<string>("DOMAIN") { Description = "The mail domain (any case)" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "remove",
            "Removes a managed domain added at run time (certificates stay in the store)",
            ctx => DomainsHandlers.RemoveAsync(ctx, ctx.Get(domain)!, ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            domain,
            json);
    }
}
