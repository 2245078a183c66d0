namespace CilBench.Abstractions;

/// <summary>A run's log. Lines go to the console and to the run's log file.</summary>
public interface IRunLog
{
    /// <summary>Writes an informational line.</summary>
    void Info(string message);

    /// <summary>Writes a warning line.</summary>
    void Warn(string message);
}
