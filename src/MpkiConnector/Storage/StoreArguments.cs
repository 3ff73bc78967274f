using System.Formats.Asn1;

namespace MpkiConnector.Storage;

/// <summary>
/// The argument checks every store applies before it writes, so that all stores (SQLite, PostgreSQL, a third one)
/// refuse the same records the same way: <see cref="ArgumentException"/> and its subclasses.
/// </summary>
public static class StoreArguments
{
    /// <summary>Checks an order has what the journal needs to resume it.</summary>
    public static void CheckOrder(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrWhiteSpace(order.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(order.Address);
        ArgumentException.ThrowIfNullOrWhiteSpace(order.ProviderName);
        ArgumentNullException.ThrowIfNull(order.KeyId);
        ArgumentNullException.ThrowIfNull(order.CsrPem);
    }

    /// <summary>Checks an order may be opened: valid, and in an open state (<see cref="OrderState.Intent"/> or Submitted).</summary>
    public static void CheckNewOrder(OrderRecord order)
    {
        CheckOrder(order);
        if (!order.IsOpen)
        {
            throw new ArgumentException($"An order is opened in state Intent (or Submitted), not {order.State}.", nameof(order));
        }
    }

    /// <summary>Checks a certificate record has its identity, its DER and where it came from.</summary>
    public static void CheckCertificate(CertificateRecord certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate.Address);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate.Thumbprint);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificate.SerialNumber);
        ArgumentNullException.ThrowIfNull(certificate.Der);
        ArgumentNullException.ThrowIfNull(certificate.KeyId);
        ArgumentNullException.ThrowIfNull(certificate.ProviderName);
    }

    /// <summary>
    /// Checks a key record holds its sealed PKCS#8 or an external reference (never neither), and that what claims to
    /// be sealed is not a plaintext PKCS#8 private key.
    /// </summary>
    public static void CheckKey(StoredKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(key.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(key.ProviderKind);
        ArgumentNullException.ThrowIfNull(key.PublicKeyInfo);
        if (key.EncryptedPkcs8 is null && key.ExternalReference is null)
        {
            throw new ArgumentException("A stored key needs its encrypted PKCS#8 or an external reference.", nameof(key));
        }

        if (key.EncryptedPkcs8 is { } sealedKey && IsPlaintextPkcs8(sealedKey))
        {
            throw new ArgumentException($"The key '{key.Id}' is a plaintext PKCS#8 private key: a store keeps software keys only sealed.", nameof(key));
        }
    }

    /// <summary>Whether the bytes read as PrivateKeyInfo (version, algorithm, private key octets).</summary>
    private static bool IsPlaintextPkcs8(byte[] bytes)
    {
        try
        {
            var info = new AsnReader(bytes, AsnEncodingRules.BER).ReadSequence();
            var version = info.ReadInteger();
            info.ReadSequence();
            info.ReadOctetString();
            return version >= 0 && version <= 1;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
