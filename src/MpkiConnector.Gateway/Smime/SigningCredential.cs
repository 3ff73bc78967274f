using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.Gateway.Smime;

/// <summary>
/// An opened signing certificate: the certificate with its private key, and its chain. Reference counted: the cache holds
/// one reference, each signature in progress another; the last release disposes the key and certificates.
/// </summary>
internal sealed class SigningCredential
{
    private readonly MpkiKey _key;
    private int _references = 1;

    public SigningCredential(string address, string certificateId, MpkiKey key, X509Certificate2 certificateWithKey, X509Certificate2[] chain)
    {
        Address = address;
        CertificateId = certificateId;
        _key = key;
        CertificateWithKey = certificateWithKey;
        Chain = chain;
    }

    public string Address { get; }

    public string CertificateId { get; }

    public X509Certificate2 CertificateWithKey { get; }

    public IReadOnlyList<X509Certificate2> Chain { get; }

    public Lease Acquire()
    {
        Interlocked.Increment(ref _references);
        return new Lease(this);
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            CertificateWithKey.Dispose();
            foreach (var certificate in Chain)
            {
                certificate.Dispose();
            }

            _key.Dispose();
        }
    }

    /// <summary>One use of the credential; disposing it releases the reference.</summary>
    internal sealed class Lease : IDisposable
    {
        private SigningCredential? _credential;

        public Lease(SigningCredential credential)
        {
            _credential = credential;
        }

        public SigningCredential Credential => _credential ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose() => Interlocked.Exchange(ref _credential, null)?.Release();
    }
}
