namespace MpkiConnector.Sectigo;

/// <summary>
/// Maps a classic REST path (reference 25.5) to the Admin Operations API's (OpenAPI 25.9.2), used with OAuth2: the Admin
/// API has S/MIME only on v2 (types, customFields, enroll, collect, revoke, details) and persons on v2, and no
/// <c>byPersonEmail</c> (the list with an <c>email</c> filter answers the same items).
/// </summary>
internal static class SectigoAdminPaths
{
    private const string SmimeV1 = "api/smime/v1/";
    private const string ByPersonEmail = "api/smime/v2/byPersonEmail/";
    private const string PersonV1 = "api/person/v1";

    public static string Map(string path)
    {
        if (path.StartsWith(SmimeV1, StringComparison.Ordinal))
        {
            return "api/smime/v2/" + path[SmimeV1.Length..];
        }

        if (path.StartsWith(ByPersonEmail, StringComparison.Ordinal))
        {
            return "api/smime/v2?size=200&position=0&email=" + path[ByPersonEmail.Length..];
        }

        return path.StartsWith(PersonV1, StringComparison.Ordinal) ? "api/person/v2" + path[PersonV1.Length..] : path;
    }
}
