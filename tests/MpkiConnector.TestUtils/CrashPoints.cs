using Xunit;

namespace MpkiConnector.TestUtils;

/// <summary>The crash points of one issuance as theory data: every crash-resumption test runs at each of them.</summary>
public static class CrashPoints
{
    /// <summary>Every <see cref="CrashPoint"/> but <see cref="CrashPoint.None"/>, in the order the steps happen.</summary>
    public static TheoryData<CrashPoint> EveryStep
    {
        get
        {
            var data = new TheoryData<CrashPoint>();
            foreach (var point in Enum.GetValues<CrashPoint>().Where(p => p != CrashPoint.None))
            {
                data.Add(point);
            }

            return data;
        }
    }
}
