namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>Wrong answers the emulator can give on collect, to test the client's validator.</summary>
public enum WrongCertificateMode
{
    /// <summary>Issue what was asked.</summary>
    None,

    /// <summary>Issue for another public key than the CSR's.</summary>
    OtherKey,

    /// <summary>Issue for another e-mail address than the one requested.</summary>
    OtherAddress,

    /// <summary>Leave the e-mail protection EKU out.</summary>
    NoEmailProtection,
}
