using System.Runtime.Versioning;

// The TPM tests drive swtpm, tpm2-tools and OpenSSL's tpm2 provider: Linux only.
[assembly: SupportedOSPlatform("linux")]
