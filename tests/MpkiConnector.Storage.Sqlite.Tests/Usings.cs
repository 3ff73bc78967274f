global using MpkiConnector.Storage;
global using Xunit;
