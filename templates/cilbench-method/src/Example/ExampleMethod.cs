using CilBench.Abstractions;
using CilBench.Learning.Training;

// The one attribute the harness looks for: it names the method type and bakes in the contract version built against.
[assembly: CilBenchMethod(typeof(Example.ExampleMethod))]

namespace Example;

/// <summary>
/// The method: its identity, its defaults and a factory of learners. It holds no run state (the harness may create
/// it again in a fresh load context to audit a run); everything about a run lives in <see cref="ExampleLearner"/>.
/// </summary>
public sealed class ExampleMethod : IMethod
{
    /// <summary>Typed on the command line and part of result paths: short, no spaces.</summary>
    public string Name => "METHOD_NAME";

    /// <summary>Semantic version of this implementation, recorded in every result: bump it when results may change.</summary>
    public string Version => "0.1.0";

    /// <summary>The paper the method implements (authors, title, venue, year).</summary>
    public string Paper => "Rebuffi, Kolesnikov, Sperl, Lampert, \"iCaRL: Incremental Classifier and Representation Learning\", CVPR 2017 (the template's starting point: replace with your method's paper)";

    /// <summary>
    /// Its first task trains a plain backbone and a linear classifier with cross-entropy, so it can start from the
    /// first-task model a protocol shares between methods (baseModel: "shared"). Say false if your first task differs.
    /// </summary>
    public bool UsesBaseModel => true;

    /// <summary>The options record serialised: defaults and record cannot drift apart.</summary>
    public string DefaultHyperParameters => OptionsJson.Defaults(new ExampleOptions());

    /// <summary>Reads the merged hyper-parameters (unknown keys and wrong types are refused, naming the key).</summary>
    public IIncrementalLearner Create(MethodContext context) =>
        new ExampleLearner(context, OptionsJson.Read<ExampleOptions>(context.HyperParameters, Name));
}
