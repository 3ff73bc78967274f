namespace MpkiConnector.TestUtils;

/// <summary>A fresh folder under the system temp folder for one test, deleted (with its content) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder, named after <paramref name="prefix"/> and a random suffix.</summary>
    public TempDirectory(string prefix = "mpki-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside the folder (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The full path of <paramref name="parts"/> joined inside the folder (nothing is created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open elsewhere must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
