using MpkiConnector.Gateway.Configuration;

namespace MpkiConnector.Gateway.Tests;

public sealed class GatewayOptionsValidatorTests
{
    private const string Kek = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static readonly string[] KnownTypes = ["sectigo", "emulator", "fake"];

    private static GatewayOptions Valid() => new()
    {
        Providers = new(StringComparer.OrdinalIgnoreCase) { ["main"] = new ProviderAccountOptions { Type = "fake" } },
        Domains =
        [
            new ManagedDomainOptions { Domain = "example.com", Provider = "main", TermDays = 365 },
            new ManagedDomainOptions { Domain = "example.org", Provider = "main" },
        ],
        Store = new StoreOptions { Path = "mpki.db" },
        KeyEncryptionKey = "env:TEST_KEK",
    };

    private static IReadOnlyList<string> Validate(GatewayOptions options) =>
        GatewayOptionsValidator.Validate(options, KnownTypes, name => name == "TEST_KEK" ? Kek : null, Path.GetTempPath());

    [Fact]
    public void Validate_ValidOptions_NoErrors()
    {
        Assert.Empty(Validate(Valid()));
    }

    [Fact]
    public void Validate_DomainNamesUnknownAccount_NamesSettingAndKnownAccounts()
    {
        var options = Valid();
        options.Domains[1].Provider = "dfn";
        var error = Assert.Single(Validate(options));
        Assert.StartsWith("Domains[1].Provider:", error, StringComparison.Ordinal);
        Assert.Contains("'dfn'", error, StringComparison.Ordinal);
        Assert.Contains("known: main", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OverlapNotShorterThanTerm_NamesOverlapAndTerm()
    {
        var options = Valid();
        options.Domains[0].OverlapDays = 365;
        var error = Assert.Single(Validate(options));
        Assert.StartsWith("Domains[0].OverlapDays:", error, StringComparison.Ordinal);
        Assert.Contains("not shorter than the term (365 days)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GlobalOverlapLongerThanDomainTerm_NamesRenewalOverlap()
    {
        var options = Valid();
        options.Domains[0].TermDays = 20;
        var error = Assert.Single(Validate(options));
        Assert.Contains("from Renewal.Overlap", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingKeyEncryptionKey_SaysHowToSetIt()
    {
        var options = Valid();
        options.KeyEncryptionKey = null;
        var error = Assert.Single(Validate(options));
        Assert.StartsWith("KeyEncryptionKey: missing.", error, StringComparison.Ordinal);
        Assert.Contains("MPKI__KeyEncryptionKey", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyEncryptionKeyVariableUnset_NamesVariable()
    {
        var options = Valid();
        options.KeyEncryptionKey = "env:NOT_SET_ANYWHERE";
        var error = Assert.Single(Validate(options));
        Assert.Contains("'NOT_SET_ANYWHERE' is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyEncryptionKeyWrongLength_SaysLengthWithoutTheKey()
    {
        var options = Valid();
        options.KeyEncryptionKey = "base64:AAECAwQ=";
        var error = Assert.Single(Validate(options));
        Assert.Contains("5 bytes long", error, StringComparison.Ordinal);
        Assert.DoesNotContain("AAECAwQ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateDomainInAnotherSpelling_NamesBothEntries()
    {
        var options = Valid();
        options.Domains.Add(new ManagedDomainOptions { Domain = "EXAMPLE.com.", Provider = "main" });
        var error = Assert.Single(Validate(options));
        Assert.StartsWith("Domains[2].Domain:", error, StringComparison.Ordinal);
        Assert.Contains("duplicate of Domains[0]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateIdnDomain_DetectedInAsciiForm()
    {
        var options = Valid();
        options.Domains.Add(new ManagedDomainOptions { Domain = "bücher.example", Provider = "main" });
        options.Domains.Add(new ManagedDomainOptions { Domain = "xn--bcher-kva.example", Provider = "main" });
        var error = Assert.Single(Validate(options));
        Assert.Contains("duplicate of Domains[2] (xn--bcher-kva.example)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownProviderType_ListsKnownTypes()
    {
        var options = Valid();
        options.Providers["main"].Type = "verisign";
        var error = Assert.Single(Validate(options));
        Assert.StartsWith("Providers.main.Type:", error, StringComparison.Ordinal);
        Assert.Contains("emulator, fake, sectigo", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingProviderType_NamesSetting()
    {
        var options = Valid();
        options.Providers["main"].Type = null;
        Assert.StartsWith("Providers.main.Type: missing", Assert.Single(Validate(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidDomain_NamesIt()
    {
        var options = Valid();
        options.Domains[0].Domain = "user@example.com";
        Assert.StartsWith("Domains[0].Domain: 'user@example.com' is not a valid mail domain", Assert.Single(Validate(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingStorePath_NamesSetting()
    {
        var options = Valid();
        options.Store.Path = " ";
        Assert.StartsWith("Store.Path: missing", Assert.Single(Validate(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Store.ConnectionString: The PostgreSQL store needs a connection string")]
    [InlineData("Database=mpki;Password=hunter2", "Store.ConnectionString: The PostgreSQL connection string names no server")]
    [InlineData("Hots=db1;Password=hunter2", "Store.ConnectionString: The PostgreSQL connection string is not valid")]
    public void Validate_PostgreSqlWithoutUsableConnectionString_NamesSettingWithoutPassword(string? connectionString, string expected)
    {
        var options = Valid();
        options.Store = new StoreOptions { Provider = "postgresql", ConnectionString = connectionString };

        var error = Assert.Single(Validate(options));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithConnectionStringAndNoPath_NoErrors()
    {
        var options = Valid();
        options.Store = new StoreOptions { Provider = "PostgreSql", ConnectionString = "Host=db1;Database=mpki;Username=mpki" };

        Assert.Empty(Validate(options));
    }

    [Fact]
    public void Validate_UnknownStoreProvider_NamesSetting()
    {
        var options = Valid();
        options.Store.Provider = "Oracle";

        Assert.StartsWith("Store.Provider: 'Oracle' is not a store", Assert.Single(Validate(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameFolderTwice_NamesBoth()
    {
        var options = Valid();
        options.Folders.Outbox = options.Folders.Spool + "/";
        var error = Assert.Single(Validate(options));
        Assert.StartsWith("Folders.Outbox:", error, StringComparison.Ordinal);
        Assert.Contains("Folders.Spool", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HoldFallbackHold_Refused()
    {
        var options = Valid();
        options.FirstMail.HoldFallback = FirstMailPolicy.Hold;
        Assert.StartsWith("FirstMail.HoldFallback:", Assert.Single(Validate(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoProviders_SaysSo()
    {
        var options = Valid();
        options.Providers.Clear();
        var errors = Validate(options);
        Assert.Contains(errors, e => e.StartsWith("Providers: no provider account", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Domains[0].Provider:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingPluginsFolder_NamesSetting()
    {
        var options = Valid();
        options.PluginsFolder = "no-such-plugins-folder-" + Guid.NewGuid().ToString("N");
        Assert.StartsWith("PluginsFolder:", Assert.Single(Validate(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_SeveralMistakes_ExceptionListsEachOnItsLine()
    {
        var options = Valid();
        options.Domains[0].Provider = "nope";
        options.KeyEncryptionKey = null;
        var ex = Assert.Throws<GatewayConfigurationException>(() =>
            GatewayOptionsValidator.ThrowIfInvalid(options, KnownTypes, _ => null, Path.GetTempPath()));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("2 mistakes", ex.Message, StringComparison.Ordinal);
    }
}
