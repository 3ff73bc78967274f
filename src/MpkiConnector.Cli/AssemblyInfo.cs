using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MpkiConnector.Cli.Tests")]
[assembly: InternalsVisibleTo("MpkiConnector.Cli.IntegrationTests")]
[assembly: InternalsVisibleTo("MpkiConnector.SelfEnrollment.IntegrationTests")]
