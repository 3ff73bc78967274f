// The gateway as a hosted service in a worker of your own; here against the local emulator (start it with `mpki emulator`).
//   export MPKI_KEK=$(openssl rand -base64 32) Gateway__Providers__emulator__Password=operator-password
//   dotnet run --project examples/GatewayWorker
// Drop .eml files from an example.com sender into gateway-data/spool (beside the program): they come out signed in
// gateway-data/outbox. Ctrl+C stops it gracefully.
using Microsoft.Extensions.Hosting;
using MpkiConnector.Examples.GatewayWorker;

using var host = GatewayWorkerHost.Build(args);
await host.RunAsync();
