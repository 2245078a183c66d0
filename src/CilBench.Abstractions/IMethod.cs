namespace CilBench.Abstractions;

/// <summary>
/// A class-incremental learning method: its identity, its paper and its default hyper-parameters, and a factory of
/// learners. One instance per plugin; it holds no run state.
/// </summary>
public interface IMethod
{
    /// <summary>Short unique name used on the command line and in result paths, e.g. "icarl".</summary>
    string Name { get; }

    /// <summary>The method implementation's version (semantic), recorded in every result.</summary>
    string Version { get; }

    /// <summary>The paper the method implements (authors, title, venue, year).</summary>
    string Paper { get; }

    /// <summary>
    /// Default hyper-parameters as a JSON object. Protocols override individual keys per method; the merged object
    /// reaches the learner as <see cref="MethodContext.HyperParameters"/>.
    /// </summary>
    string DefaultHyperParameters { get; }

    /// <summary>
    /// True for methods that are not bound by the memory budget (e.g. joint training on all data, an upper bound).
    /// Results mark them as references outside the budget.
    /// </summary>
    bool IsReference => false;

    /// <summary>
    /// True for methods whose first task trains a plain backbone and a linear classifier with cross-entropy, and that
    /// load <see cref="MethodContext.BaseModel"/> instead when the protocol shares one. Added in contract 1.1.
    /// </summary>
    bool UsesBaseModel => false;

    /// <summary>Creates the learner for one run.</summary>
    IIncrementalLearner Create(MethodContext context);
}
