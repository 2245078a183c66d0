using CilBench.Abstractions;

namespace CilBench.Core.Checks;

/// <summary>
/// The checked method as the runner sees it: the plugin's method, whose every learner is wrapped in a
/// <see cref="ProbeLearner"/> reporting to one <see cref="ProbeLog"/>. The runner drives it like any method.
/// </summary>
internal sealed class ProbeMethod(IMethod inner, ProbeLog log) : IMethod
{
    public string Name => inner.Name;
    public string Version => inner.Version;
    public string Paper => inner.Paper;
    public string DefaultHyperParameters => inner.DefaultHyperParameters;
    public bool IsReference => inner.IsReference;
    public bool UsesBaseModel => inner.UsesBaseModel;

    public IIncrementalLearner Create(MethodContext context)
    {
        IIncrementalLearner learner;
        try
        {
            learner = inner.Create(context);
        }
        catch (Exception e) when (log.RecordThrow("Create", e))
        {
            throw;
        }
        return new ProbeLearner(learner, log);
    }
}
