namespace MpkiConnector.Cli.Demo;

/// <summary>A message the demo's gateway rejected, with its reason.</summary>
internal sealed record DemoRejection(string File, string Reason);
