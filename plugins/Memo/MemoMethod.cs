using CilBench.Abstractions;
using CilBench.Learning.Training;

[assembly: CilBenchMethod(typeof(CilBench.Plugins.Memo.MemoMethod))]

namespace CilBench.Plugins.Memo;

/// <summary>
/// MEMO: a shared generalized part and one specialized block per task, one classifier over the blocks' features,
/// an auxiliary head on the newest block, weight aligning. See README.md for the deviations from the references.
/// </summary>
public sealed class MemoMethod : IMethod
{
    public string Name => "memo";
    public string Version => "1.0.0";
    public string Paper => "Zhou, Wang, Ye, Zhan: A Model or 603 Exemplars: Towards Memory-Efficient Class-Incremental Learning. ICLR 2023";
    public string DefaultHyperParameters => OptionsJson.Defaults(new MemoOptions());
    public bool UsesBaseModel => true;

    public IIncrementalLearner Create(MethodContext context) =>
        new MemoLearner(context, OptionsJson.Read<MemoOptions>(context.HyperParameters, Name));
}
