// Benchmarks land with the gateway; run with: dotnet run -c Release --project tests/MpkiConnector.Benchmarks
Console.WriteLine("No benchmarks yet.");
