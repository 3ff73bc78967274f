using MpkiConnector.Sectigo.Emulator.Configuration;

namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>The authenticated caller of an API request.</summary>
internal sealed record ScmCaller(EmulatorCustomer Customer, EmulatorAccount Account, EmulatorBehavior Behavior, ApiSurface Surface = ApiSurface.Classic)
{
    public const string ItemKey = "scm.caller";

    public bool MayManage(int orgId) => Account.OrganizationIds.Count == 0 || Account.OrganizationIds.Contains(orgId);
}
