namespace CilBench.Core.Results;

/// <summary>Where finished runs go. The default writes the JSON result file atomically.</summary>
public interface IResultSink
{
    void Write(string path, RunResult result);
}

public sealed class JsonResultSink : IResultSink
{
    public void Write(string path, RunResult result) => ResultJson.Write(path, result);
}
