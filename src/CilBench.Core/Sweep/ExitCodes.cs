namespace CilBench.Core.Sweep;

/// <summary>The exit statuses of `cilbench run`, which a sweep reads from its children.</summary>
public static class ExitCodes
{
    /// <summary>The cell ran to the end and wrote its result.</summary>
    public const int Done = 0;

    /// <summary>Something failed that is not a user's error (a crash inside a plugin, an I/O failure).</summary>
    public const int Failed = 1;

    /// <summary>An error with a one-line message: bad protocol or option, unknown method, audit failed, over budget before training.</summary>
    public const int Error = 2;

    /// <summary>The model outgrew the budget at a later task: a partial result marked overBudgetAtTask was written.</summary>
    public const int OverBudget = 3;
}
