using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Requests_AreLogged_WithoutPassword()
    {
        const string canary = "canary-P4ssw0rd-7f3a";
        var folder = Path.Combine(Path.GetTempPath(), "mpki-emulator-" + Guid.NewGuid().ToString("N"));
        var options = ScmEmulatorOptions.CreateDefault(folder);
        options.Customers[0].Accounts[0].Password = canary;
        var provider = new CollectingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        try
        {
            await using (var emulator = await ScmEmulator.StartAsync(options, factory, null))
            {
                using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
                client.DefaultRequestHeaders.Add("login", "operator");
                client.DefaultRequestHeaders.Add("password", canary);
                client.DefaultRequestHeaders.Add("customerUri", "emulator");
                await ScmCalls.EnrollOkAsync(client, "dora@example.com");
                client.DefaultRequestHeaders.Remove("password");
                client.DefaultRequestHeaders.Add("password", canary + "-wrong");
                using var _ = await client.GetAsync("api/organization/v1");
                Assert.Contains(emulator.Requests, r => r.Status == 401 && r.Login == "operator");
            }

            Assert.Contains(provider.Messages, m => m.Contains("/api/smime/v1/enroll", StringComparison.Ordinal));
            Assert.DoesNotContain(provider.Messages, m => m.Contains(canary, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collecting(Messages);

        public void Dispose()
        {
        }

        private sealed class Collecting(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + exception);
        }
    }
}
