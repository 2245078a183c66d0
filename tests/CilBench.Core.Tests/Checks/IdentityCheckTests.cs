using CilBench.Abstractions;
using CilBench.Core.Checks;
using CilBench.Core.Plugins;

namespace CilBench.Core.Tests.Checks;

public class IdentityCheckTests
{
    private static CheckResult Check(string version, string paper) =>
        IdentityCheck.Run(new LoadedMethod(new Named(version, paper), "named.dll", "0", new Version(1, 0)));

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.1.0")]
    [InlineData("2.10.3-beta.1")]
    [InlineData("1.0.0-rc.1+build.5")]
    public void SemanticVersionsPass(string version) => Assert.Equal(CheckStatus.Passed, Check(version, "A. Author, Title, Venue 2025").Status);

    [Theory]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0.0")]
    [InlineData("")]
    public void OtherVersionsFailNamingTheVersion(string version)
    {
        var result = Check(version, "A. Author, Title, Venue 2025");

        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.StartsWith($"version '{version}' is not a semantic version", result.Message);
    }

    [Fact]
    public void AMethodWithoutItsPaperFails()
    {
        var result = Check("1.0.0", " ");

        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.StartsWith("Paper is empty", result.Message);
    }

    private sealed class Named(string version, string paper) : IMethod
    {
        public string Name => "named";
        public string Version => version;
        public string Paper => paper;
        public string DefaultHyperParameters => "{}";
        public IIncrementalLearner Create(MethodContext context) => throw new NotSupportedException();
    }
}
