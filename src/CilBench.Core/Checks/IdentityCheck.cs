using System.Text.RegularExpressions;
using CilBench.Core.Plugins;

namespace CilBench.Core.Checks;

/// <summary>
/// <see cref="ContractCheck.Identity"/>: what every result records about the method. The loader already refused names
/// unusable on a command line or in a path; a version must be a semantic version (semver.org 2.0.0), so results of two
/// releases are told apart, and the paper must be named.
/// </summary>
internal static partial class IdentityCheck
{
    public static CheckResult Run(LoadedMethod loaded)
    {
        var method = loaded.Method;
        if (method.Version is not { } version || !SemanticVersion().IsMatch(version))
            return CheckResult.Fail(ContractCheck.Identity, $"version '{method.Version}' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)");
        if (string.IsNullOrWhiteSpace(method.Paper))
            return CheckResult.Fail(ContractCheck.Identity, "Paper is empty: name the paper the method implements (authors, title, venue, year)");
        var reference = method.IsReference ? ", a reference outside the budget" : "";
        return CheckResult.Pass(ContractCheck.Identity, $"'{method.Name}' {version}{reference}: {method.Paper}");
    }

    // The regular expression semver.org gives for SemVer 2.0.0.
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex SemanticVersion();
}
