using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MpkiConnector.Cli.Tests")]
