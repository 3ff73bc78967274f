using MpkiConnector.Sectigo.Emulator;

// Standalone: dotnet run --project src/MpkiConnector.Sectigo.Emulator -- --urls http://127.0.0.1:PORT --data DIR --config config/emulator.json
string? urls = null, data = null, config = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--urls": urls = value; i++; break;
        case "--data": data = value; i++; break;
        case "--config": config = value; i++; break;
        case "-h" or "--help":
            Console.WriteLine("usage: MpkiConnector.Sectigo.Emulator [--urls URL[;URL]] [--data DIR] [--config FILE]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}' (try --help)");
            return 2;
    }
}

ScmEmulatorOptions options;
try
{
    var defaultData = Path.Combine(Directory.GetCurrentDirectory(), "emulator-data");
    options = config is null ? ScmEmulatorOptions.CreateDefault(data ?? defaultData) : ScmEmulatorOptions.Load(config);
    options.DataDirectory = data ?? (string.IsNullOrWhiteSpace(options.DataDirectory) ? defaultData : options.DataDirectory);

    if (urls is not null)
    {
        options.Urls = [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: cannot read the emulator configuration: {e.Message}");
    return 1;
}

using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await using var emulator = await ScmEmulator.StartAsync(options, loggerFactory, TimeProvider.System, stop.Token);
    Console.WriteLine($"SCM emulator on {emulator.BaseAddress} (data: {options.DataDirectory}); Ctrl+C stops it.");
    foreach (var customer in options.Customers)
    {
        foreach (var account in customer.Accounts)
        {
            Console.WriteLine($"  customerUri={customer.CustomerUri} login={account.Login}");
        }
    }

    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    return 0;
}
catch (Exception e) when (e is IOException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
