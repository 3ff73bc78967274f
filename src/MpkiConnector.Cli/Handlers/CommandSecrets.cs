namespace MpkiConnector.Cli.Handlers;

/// <summary>The secrets a command needs: a command that lists or exports needs none of them.</summary>
[Flags]
internal enum CommandSecrets
{
    /// <summary>Neither: the command only reads the store.</summary>
    None = 0,

    /// <summary>The CA account's password: the command talks to the CA.</summary>
    CaPassword = 1,

    /// <summary>The key-encryption key: the command opens or creates private keys.</summary>
    KeyEncryptionKey = 2,

    /// <summary>Both.</summary>
    All = CaPassword | KeyEncryptionKey,
}
