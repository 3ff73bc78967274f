using System.Runtime.CompilerServices;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Sectigo.Emulator.Tests.Contract;

/// <summary>Every emulator client of this test assembly checks the contract (<see cref="ContractCheckingHandler"/>).</summary>
internal static class ContractSetup
{
    [ModuleInitializer]
    internal static void Install() => RunningEmulator.ClientHandlerFactory = () => new ContractCheckingHandler();
}
