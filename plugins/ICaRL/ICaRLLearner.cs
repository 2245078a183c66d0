using CilBench.Abstractions;
using CilBench.Learning;
using CilBench.Learning.Losses;
using CilBench.Learning.Training;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Plugins.ICaRL;

/// <summary>
/// iCaRL (Rebuffi et al., CVPR 2017) trained as PyCIL trains it. One task follows the paper's Alg. 2
/// (iCaRL IncrementalTrain):
/// <list type="number">
/// <item>UpdateRepresentation (Alg. 3): <see cref="Learn"/>, below.</item>
/// <item>m = K / t exemplars per class: the harness's capacity plan.</item>
/// <item>ReduceExemplarSet (Alg. 5): the harness keeps each old class's ranked prefix.</item>
/// <item>ConstructExemplarSet (Alg. 4): herding, <see cref="HerdingNmeLearner.RankExemplars"/>.</item>
/// </list>
/// Classification (Alg. 1) is the nearest mean of exemplars, whose means <see cref="HerdingNmeLearner.MemoryUpdated"/>
/// computes; the network's own logits are reported too ("cnn", primary, as in PyCIL).
/// </summary>
public sealed class ICaRLLearner : HerdingNmeLearner
{
    private readonly ICaRLOptions options;

    public ICaRLLearner(MethodContext context, ICaRLOptions options) : base(context, options.Backbone, options.BatchSize)
    {
        if (options.Loss is not ("ce" or "bce")) throw new ArgumentException($"icarl: unknown loss '{options.Loss}' (expected \"ce\" or \"bce\")");
        this.options = options;
        // The shared base model is trained with cross-entropy: it is PyCIL's first task, not the paper's.
        if (options.Loss != "ce" && context.BaseModel is not null)
            throw new ArgumentException("icarl: the protocol's shared base model is trained with cross-entropy; loss \"bce\" trains the first task differently (drop baseModel, or use loss \"ce\")");
    }

    /// <summary>Alg. 3, UpdateRepresentation, on the new classes' data and all exemplars (PyCIL's training set).</summary>
    public override void Learn(TaskContext task)
    {
        if (task.TaskIndex == 0 && Context.BaseModel is not null)
        {
            LearnFirstTask(task, task.TrainData, options.InitRecipe);
            return;
        }
        // Alg. 3 stores q_i^y = g_y(x_i), the outputs of the network before this task; PyCIL keeps that network as a
        // frozen copy (_old_network). Taken here at the start of the task and freed at its end: no state between tasks.
        using var teacher = task.TaskIndex == 0 ? null : Net.Copy().Freeze();
        // New output nodes for the new classes; the old rows are kept (PyCIL's update_fc).
        Net.UpdateFc(task.TotalClasses);
        Net.train();
        Trainer.Run("train", Net.parameters(), options.RecipeFor(task.TaskIndex), task.TrainData, task, batch =>
        {
            var (_, logits) = Net.Forward(batch.Images);
            Tensor? old;
            using (torch.no_grad()) old = teacher?.Forward(batch.Images).logits;
            var loss = options.Loss == "bce" ? BinaryLoss(logits, batch.Labels, old) : DistillationLoss(logits, batch.Labels, old);
            return new StepOutput(loss, logits);
        });
    }

    /// <summary>
    /// PyCIL's loss: cross-entropy over all seen classes, plus _KD_loss (temperature T, no T^2) between the old
    /// classes' logits and the teacher's.
    /// </summary>
    private Tensor DistillationLoss(Tensor logits, Tensor labels, Tensor? old)
    {
        var ce = F.cross_entropy(logits, labels);
        return old is null ? ce : ce + KnowledgeDistillation.PyCilLoss(logits.narrow(1, 0, old.size(1)), old, options.Temperature);
    }

    /// <summary>
    /// Alg. 3's loss: sum over new classes of one-hot binary cross-entropy, plus over old classes of binary
    /// cross-entropy against the teacher's sigmoid outputs q_i^y (averaged over batch and classes, as PyCIL's first
    /// icarl.py did with binary_cross_entropy_with_logits).
    /// </summary>
    private static Tensor BinaryLoss(Tensor logits, Tensor labels, Tensor? old)
    {
        var targets = F.one_hot(labels, logits.size(1)).to(logits.dtype);
        if (old is not null)
        {
            var known = old.size(1);
            targets = torch.cat([old.sigmoid(), targets.narrow(1, known, targets.size(1) - known)], 1);
        }
        return F.binary_cross_entropy_with_logits(logits, targets);
    }
}
