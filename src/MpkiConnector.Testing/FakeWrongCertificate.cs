namespace MpkiConnector.Testing;

/// <summary>Wrong answers <see cref="FakeMpkiProvider"/> can give instead of a correct certificate.</summary>
public enum FakeWrongCertificate
{
    /// <summary>A correct certificate.</summary>
    None = 0,

    /// <summary>A certificate for another public key.</summary>
    OtherKey,

    /// <summary>A certificate for another e-mail address (or device name).</summary>
    OtherAddress,

    /// <summary>A certificate without the e-mail protection extended key usage.</summary>
    NoEmailProtection,

    /// <summary>A certificate that has already expired.</summary>
    Expired,

    /// <summary>A certificate that is not valid yet.</summary>
    NotYetValid,

    /// <summary>Bytes that are not a certificate.</summary>
    Garbage,
}
