using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Demo;

/// <summary>Runs the demo.</summary>
internal sealed class DemoRunner(CommandContext context, DemoOptions options)
{
    public Task<DemoSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        _ = context;
        _ = options;
        cancellationToken.ThrowIfCancellationRequested();
        throw NotAvailable.Because("demo");
    }
}
