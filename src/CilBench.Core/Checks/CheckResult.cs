namespace CilBench.Core.Checks;

public enum CheckStatus
{
    Passed,
    Failed,

    /// <summary>Not checked: an earlier failure kept it from running (the message says which).</summary>
    NotRun,
}

/// <summary>The outcome of one <see cref="ContractCheck"/>, with a message that says what was seen.</summary>
public sealed record CheckResult(ContractCheck Check, CheckStatus Status, string Message)
{
    public static CheckResult Pass(ContractCheck check, string message) => new(check, CheckStatus.Passed, message);

    public static CheckResult Fail(ContractCheck check, string message) => new(check, CheckStatus.Failed, message);

    public static CheckResult NotRun(ContractCheck check, string reason) => new(check, CheckStatus.NotRun, reason);
}
