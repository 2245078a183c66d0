using CilBench.Abstractions;
using CilBench.Torch;

namespace CilBench.Core.Tests.Evaluation;

/// <summary>
/// Predicts scores written in advance: an image whose pixels hold i (as <see cref="Scenario.TestImages"/> makes them)
/// gets row i of each head's table, so a test knows exactly which answers are right.
/// </summary>
internal sealed class ScriptedLearner(params (string head, float[,] scores)[] heads) : IIncrementalLearner
{
    public Predictions Predict(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        var ids = images.flatten(1).select(1, 0).to(ScalarType.Int64);
        var predictions = new Predictions();
        foreach (var (head, scores) in heads) predictions.Add(head, torch.tensor(scores).index_select(0, ids));
        return predictions;
    }

    public void Learn(TaskContext task) => throw new NotSupportedException();

    public ExemplarRanking RankExemplars(ExemplarRequest request) => throw new NotSupportedException();

    public void MemoryUpdated(IExemplarMemoryView memory) => throw new NotSupportedException();

    public LearnerState State() => throw new NotSupportedException();

    public void Load(LearnerState state) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
