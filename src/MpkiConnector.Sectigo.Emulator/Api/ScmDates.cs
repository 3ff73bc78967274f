using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>
/// The date formats of each surface: classic 25.5 details <c>MM/dd/yyyy</c> and list <c>yyyy-MM-dd</c>; the Admin
/// Operations document's <c>date-time</c> (RFC 3339, UTC) everywhere.
/// </summary>
internal static class ScmDates
{
    public static string? Detail(long? unixMs, ApiSurface surface) => Format(unixMs, surface, "MM/dd/yyyy");

    public static string? ListItem(long? unixMs, ApiSurface surface) => Format(unixMs, surface, "yyyy-MM-dd");

    private static string? Format(long? unixMs, ApiSurface surface, string classic) =>
        unixMs is not { } ms ? null
        : DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString(
            surface == ApiSurface.Admin ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : classic, CultureInfo.InvariantCulture);
}
