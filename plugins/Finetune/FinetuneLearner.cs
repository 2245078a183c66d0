using CilBench.Abstractions;
using CilBench.Learning;
using CilBench.Learning.Training;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Plugins.Finetune;

/// <summary>
/// PyCIL's Finetune: task 0 trains with cross-entropy over its classes; each later task trains on the new data
/// only, with cross-entropy over the new classes' logits (old logits take no part), and keeps no exemplars.
/// </summary>
public sealed class FinetuneLearner(MethodContext context, FinetuneOptions options) : NetLearner(context, options.Backbone)
{
    public override void Learn(TaskContext task)
    {
        if (task.TaskIndex == 0)
        {
            LearnFirstTask(task, task.NewData, options.InitRecipe);
            return;
        }
        Net.UpdateFc(task.TotalClasses);
        Net.train();
        var known = task.KnownClasses;
        Trainer.Run("train", Net.parameters(), options.IncrementalRecipe, task.NewData, task, batch =>
        {
            var (_, logits) = Net.Forward(batch.Images);
            var newLogits = logits.narrow(1, known, task.NewClasses);
            return new StepOutput(F.cross_entropy(newLogits, batch.Labels - known), logits);
        });
    }

    /// <summary>Finetune keeps no exemplars: every ranking is empty.</summary>
    public override ExemplarRanking RankExemplars(ExemplarRequest request) =>
        new(request.Classes.ToDictionary(c => c.ClassIndex, _ => Array.Empty<long>()));
}
