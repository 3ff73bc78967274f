namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>What an access token stands for: an account of a customer, until a moment.</summary>
internal sealed record TokenGrant(string CustomerUri, string Login, DateTimeOffset ExpiresAt);
