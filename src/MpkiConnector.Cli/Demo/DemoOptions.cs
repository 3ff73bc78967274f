namespace MpkiConnector.Cli.Demo;

/// <summary>Where the demo works and what it reads.</summary>
/// <param name="DataFolder">Store, key-encryption key, emulator data and mail folders go here.</param>
/// <param name="MailFolder">The .eml corpus.</param>
/// <param name="ConfigPath">The gateway configuration to start from.</param>
/// <param name="Json">Print the summary as JSON.</param>
internal sealed record DemoOptions(string DataFolder, string MailFolder, string ConfigPath, bool Json);
