using System.Text.Json.Nodes;
using CilBench.Abstractions;
using MathNet.Numerics;

[assembly: CilBenchMethod(typeof(MathNetPlugin.MathNetMethod))]

namespace MathNetPlugin;

/// <summary>
/// A plugin that depends on MathNet.Numerics; built twice (MathNet4Plugin, MathNet5Plugin) against two major versions
/// of it. Its defaults report which MathNet it bound to and a value computed with it, so a test can see that each
/// plugin got its own copy.
/// </summary>
public sealed class MathNetMethod : IMethod
{
    public string Name => "mathnet" + typeof(SpecialFunctions).Assembly.GetName().Version!.Major;

    public string Version => "1.0.0";

    public string Paper => "none: a test plugin for dependency isolation";

    public string DefaultHyperParameters => new JsonObject
    {
        ["mathnet"] = typeof(SpecialFunctions).Assembly.GetName().Version!.ToString(),
        ["gamma5"] = SpecialFunctions.Gamma(5),
    }.ToJsonString();

    public IIncrementalLearner Create(MethodContext context) => throw new NotSupportedException();
}
