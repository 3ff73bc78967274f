global using MpkiConnector.Storage;
global using MpkiConnector.TestUtils;
global using Xunit;
