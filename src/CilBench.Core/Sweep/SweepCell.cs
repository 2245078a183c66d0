using CilBench.Core.Runner;

namespace CilBench.Core.Sweep;

/// <summary>One cell of a sweep and where its result (or failure record) goes.</summary>
public sealed record SweepCell(string Method, string Budget, int Seed, string ResultPath)
{
    /// <summary>Written instead of a result when the child process fails: exit status and the tail of its stderr.</summary>
    public string FailurePath => Path.ChangeExtension(ResultPath, ".failed.json");

    public override string ToString() => $"{Method} / {Budget} / seed {Seed}";

    public static IReadOnlyList<SweepCell> Plan(string outputRoot, string protocol, IEnumerable<string> methods, IEnumerable<string> budgets, IEnumerable<int> seeds) =>
        (from m in methods
         from b in budgets
         from s in seeds
         select new SweepCell(m, b, s, ResultPaths.For(outputRoot, protocol, m, b, s))).ToList();
}
