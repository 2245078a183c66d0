namespace CilBench.Reports.Tests.Browser;

/// <summary>
/// A fact that needs Debian's chromium (scripts/setup.sh installs it). Skipped, with the reason, only where it is not
/// installed and this is not CI: on CI a missing browser fails the test rather than hiding it.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "chromium is not installed (scripts/setup.sh installs Debian's chromium)";
    }
}
