using CilBench.Abstractions;
using CilBench.Learning;
using CilBench.Learning.Losses;
using CilBench.Learning.Training;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace Example;

/// <summary>
/// One run of the method. For each task the harness calls <see cref="Learn"/>, then
/// <see cref="HerdingNmeLearner.RankExemplars"/> (herding), fills the exemplar memory, calls
/// <see cref="HerdingNmeLearner.MemoryUpdated"/> (class means for the "nme" head), measures the state and evaluates.
/// The base class keeps the network, the class means and the state (backbone + classifier + means); this class only
/// says how a task is learned: cross-entropy on the new data and the exemplars, plus distillation from the network as
/// it was before the task.
/// </summary>
public sealed class ExampleLearner(MethodContext context, ExampleOptions options)
    : HerdingNmeLearner(context, options.Backbone, options.BatchSize)
{
    public override void Learn(TaskContext task)
    {
        // The first task is plain cross-entropy training; when the protocol shares a first-task model
        // (baseModel: "shared", see ExampleMethod.UsesBaseModel), it is loaded instead, as every such method does.
        if (task.TaskIndex == 0)
        {
            LearnFirstTask(task, task.TrainData, options.InitRecipe);
            return;
        }
        // The teacher: a frozen copy of the network before this task, freed at its end. Nothing survives a task outside
        // State(): the harness reloads the state into a fresh learner after every task and goes on with that one.
        using var teacher = Net.Copy().Freeze();
        // New output nodes for the new classes; the old ones are kept.
        Net.UpdateFc(task.TotalClasses);
        Net.train();
        var weight = options.DistillationWeight;
        // TrainData is the new classes' data followed by every exemplar (as PyCIL builds it); the loop shuffles,
        // augments, steps SGD and the schedule, and reports progress per epoch.
        Trainer.Run("train", Net.parameters(), options.IncrementalRecipe, task.TrainData, task, batch =>
        {
            var (_, logits) = Net.Forward(batch.Images);
            var ce = F.cross_entropy(logits, batch.Labels);
            Tensor old;
            using (torch.no_grad()) old = teacher.Forward(batch.Images).logits;
            var kd = KnowledgeDistillation.PyCilLoss(logits.narrow(1, 0, old.size(1)), old, options.Temperature);
            return new StepOutput((1 - weight) * ce + weight * kd, logits);
        });
    }
}
