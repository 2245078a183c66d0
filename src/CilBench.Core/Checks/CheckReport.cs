namespace CilBench.Core.Checks;

/// <summary>Every contract check's result for one plugin, in <see cref="ContractCheck.All"/> order.</summary>
/// <param name="Plugin">The plugin DLL checked.</param>
/// <param name="Results">One result per check.</param>
public sealed record CheckReport(string Plugin, IReadOnlyList<CheckResult> Results)
{
    /// <summary>True when every check ran and passed: the gate a method passes before its results go on a leaderboard.</summary>
    public bool Passed => Results.All(r => r.Status == CheckStatus.Passed);

    public CheckResult this[ContractCheck check] => Results.Single(r => r.Check == check);
}
