namespace MpkiConnector.Storage.Sqlite.Tests;

/// <summary>
/// The entry point of this test assembly when started as a separate process by <see cref="CrossProcessTests"/>:
/// <c>dotnet MpkiConnector.Storage.Sqlite.Tests.dll open-orders DB GOFILE PREFIX COUNT</c> waits for GOFILE, then
/// tries to open an order for PREFIX0..PREFIX{COUNT-1} (several at a time) and prints <c>won ADDRESS ORDERID</c> for each win.
/// </summary>
internal static class ChildProcessProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 5 || args[0] != "open-orders")
        {
            await Console.Error.WriteLineAsync("usage: open-orders DB GOFILE PREFIX COUNT");
            return 2;
        }

        var (path, goFile, prefix, count) = (args[1], args[2], args[3], int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
        using var store = await SqliteMpkiStore.OpenAsync(path);
        await Console.Out.WriteLineAsync("ready");
        await Console.Out.FlushAsync();
        while (!File.Exists(goFile))
        {
            await Task.Delay(5);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            var order = TestRecords.Order($"{prefix}{i}@example.org");
            return await store.TryOpenOrderAsync(order) ? $"won {order.Address} {order.Id}" : null;
        })));
        foreach (var line in results.OfType<string>())
        {
            await Console.Out.WriteLineAsync(line);
        }

        return 0;
    }
}
