using System.Diagnostics;

namespace MpkiConnector.Storage.Sqlite.Tests;

/// <summary>Two real processes (this test and children running <see cref="ChildProcessProgram"/>) on one database file.</summary>
public sealed class CrossProcessTests : StoreTestBase
{
    [Fact]
    public async Task TryOpenOrderAsync_TwoProcessesAndThisOneRacing_ExactlyOneWinsPerAddress()
    {
        const int Addresses = 40;
        var goFile = Folder.File("go");
        var children = new[] { StartChild(goFile), StartChild(goFile) };
        try
        {
            foreach (var child in children)
            {
                Assert.Equal("ready", await child.StandardOutput.ReadLineAsync());
            }

            await File.WriteAllTextAsync(goFile, "go");
            var mine = await Task.WhenAll(Enumerable.Range(0, Addresses).Select(i => Task.Run(async () =>
            {
                var order = TestRecords.Order($"racer{i}@example.org");
                return await Store.TryOpenOrderAsync(order) ? $"won {order.Address} {order.Id}" : null;
            })));

            var lines = mine.OfType<string>().ToList();
            foreach (var child in children)
            {
                var output = await child.StandardOutput.ReadToEndAsync();
                await child.WaitForExitAsync();
                Assert.True(child.ExitCode == 0, await child.StandardError.ReadToEndAsync());
                lines.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            var wins = lines.Select(l => l.Split(' ')).ToList();
            Assert.Equal(Addresses, wins.Count);
            Assert.Equal(Addresses, wins.Select(w => w[1]).Distinct().Count());
            foreach (var win in wins)
            {
                Assert.Equal(win[2], (await Store.GetOpenOrderAsync(win[1]))?.Id);
            }

            Assert.Equal(Addresses, (await Store.ListOpenOrdersAsync()).Count);
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill();
                }

                child.Dispose();
            }
        }
    }

    private Process StartChild(string goFile)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(ChildProcessProgram).Assembly.Location, "open-orders", DatabasePath, goFile, "racer", "40" })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the child process.");
    }
}
