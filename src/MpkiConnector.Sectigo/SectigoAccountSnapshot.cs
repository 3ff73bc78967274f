using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>What discovery read from SCM at one moment.</summary>
internal sealed record SectigoAccountSnapshot(
    IReadOnlyList<ScmOrganization> Organizations,
    IReadOnlyList<ScmCertificateType> Types,
    IReadOnlyList<ScmCustomField> CustomFields,
    IReadOnlyList<ScmCertificateType> DeviceTypes,
    DateTimeOffset FetchedAt);
