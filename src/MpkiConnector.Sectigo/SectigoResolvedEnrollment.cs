using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>The organisation, type and term one enrollment uses, checked against the account.</summary>
internal sealed record SectigoResolvedEnrollment(int OrganizationId, ScmCertificateType Type, int TypeId, int TermDays, IReadOnlyList<ScmCustomFieldValue> CustomFields);
