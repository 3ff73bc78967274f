using MpkiConnector.Cli;
using MpkiConnector.Cli.Infrastructure;

return await MpkiCli.RunAsync(args, CliIo.FromProcess()).ConfigureAwait(false);
