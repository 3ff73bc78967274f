namespace MpkiConnector.Cli.Tests;

/// <summary>Sets the provider password the way an operator does (environment variable) for the life of a test.</summary>
internal sealed class ProviderPasswordScope : IDisposable
{
    public const string Variable = "MPKI__Providers__emulator__Password";

    public ProviderPasswordScope(string password)
    {
        Environment.SetEnvironmentVariable(Variable, password);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(Variable, null);
}
