namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>The <c>certificateDetails</c> object of a list item.</summary>
internal sealed record CertificateDetailsDto(string? Issuer, string? Subject, string? SubjectAltNames, string? Md5Hash, string? Sha1Hash);
