using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace MpkiConnector.Tpm;

/// <summary>libc calls. .NET keeps its own copy of the environment on Unix, so <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// is invisible to native code calling getenv(3); OpenSSL's tpm2 provider reads its TCTI that way.</summary>
[SupportedOSPlatform("linux")]
internal static partial class LinuxNativeMethods
{
    /// <summary>Sets a variable in the native process environment (setenv(3)); throws on failure.</summary>
    public static void SetNativeEnvironmentVariable(string name, string value)
    {
        if (SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
