namespace CilBench.Abstractions;

/// <summary>A run's log: the console for `cilbench run`, stderr (kept as the failure tail) in a sweep's child.</summary>
public interface IRunLog
{
    /// <summary>Writes an informational line.</summary>
    void Info(string message);

    /// <summary>Writes a warning line.</summary>
    void Warn(string message);
}
