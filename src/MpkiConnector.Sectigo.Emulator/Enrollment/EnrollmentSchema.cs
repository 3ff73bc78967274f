namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>The SQLite tables of enrollment endpoints, their web-form accounts and invitations (created by <c>EmulatorStore</c>).</summary>
internal static class EnrollmentSchema
{
    public const string Sql =
        """
        CREATE TABLE IF NOT EXISTS WebFormEndpoints (
            Id INTEGER PRIMARY KEY AUTOINCREMENT, CustomerUri TEXT NOT NULL, Name TEXT NOT NULL, Type TEXT NOT NULL,
            UriExtension TEXT NOT NULL, WebFormAuthTypes TEXT NOT NULL DEFAULT '', EnrollmentHelp TEXT, EnrollmentLinkName TEXT,
            EnrollmentLinkAddress TEXT, ContactName TEXT, ContactEmail TEXT, ContactPhone TEXT, OrgDelegations TEXT NOT NULL DEFAULT '');
        CREATE UNIQUE INDEX IF NOT EXISTS UX_WebFormEndpoints_UriExtension ON WebFormEndpoints (UriExtension COLLATE NOCASE);
        CREATE TABLE IF NOT EXISTS WebFormAccounts (
            Id INTEGER PRIMARY KEY AUTOINCREMENT, EndpointId INTEGER NOT NULL, CustomerUri TEXT NOT NULL, Name TEXT NOT NULL,
            Type TEXT NOT NULL, OrganizationId INTEGER NOT NULL, ProfileIds TEXT NOT NULL DEFAULT '', AccountAuthMethod TEXT NOT NULL,
            AccessCode TEXT, CsrGenerationMethod TEXT);
        CREATE INDEX IF NOT EXISTS IX_WebFormAccounts_Endpoint ON WebFormAccounts (EndpointId);
        CREATE TABLE IF NOT EXISTS EnrollmentInvitations (
            Token TEXT PRIMARY KEY, PersonId INTEGER NOT NULL, Email TEXT NOT NULL, EndpointId INTEGER NOT NULL,
            AccountId INTEGER NOT NULL, CreatedAt INTEGER NOT NULL, ExpiresAt INTEGER NOT NULL);
        """;
}
