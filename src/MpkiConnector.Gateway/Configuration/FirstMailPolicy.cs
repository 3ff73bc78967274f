namespace MpkiConnector.Gateway.Configuration;

/// <summary>What happens to a sender's mail while its first certificate is not there yet.</summary>
public enum FirstMailPolicy
{
    /// <summary>Wait for the certificate up to <see cref="FirstMailOptions.HoldTimeout"/>, then apply <see cref="FirstMailOptions.HoldFallback"/>.</summary>
    Hold = 0,

    /// <summary>Keep the message in the deferred spool and retry it later (as an SMTP 4xx would); issuance goes on.</summary>
    Defer,

    /// <summary>Pass the message on unsigned; issuance goes on in the background.</summary>
    SendUnsigned,
}
