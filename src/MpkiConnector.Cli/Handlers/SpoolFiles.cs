namespace MpkiConnector.Cli.Handlers;

/// <summary>Counts the messages waiting in a spool folder (to measure progress).</summary>
internal static class SpoolFiles
{
    public static int Count(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.eml").Count() : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
