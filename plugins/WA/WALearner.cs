using System.Text.Json.Nodes;
using CilBench.Abstractions;
using CilBench.Learning;
using CilBench.Learning.Losses;
using CilBench.Learning.Networks;
using CilBench.Learning.Training;
using CilBench.Torch;
using F = CilBench.Torch.torch.nn.functional;

namespace CilBench.Plugins.WA;

/// <summary>
/// WA (Zhao et al., CVPR 2020) trained as PyCIL trains it. One task follows the two phases of the paper's Fig. 3:
/// <list type="number">
/// <item>Maintaining discrimination: train with cross-entropy and knowledge distillation (<see cref="Learn"/>).</item>
/// <item>Maintaining fairness: weight aligning of the new classes' classifier rows (end of <see cref="Learn"/>).</item>
/// </list>
/// Exemplars are herded and a nearest-mean-of-exemplars head is reported beside the network's logits, as in PyCIL
/// (<see cref="HerdingNmeLearner"/>).
/// </summary>
public sealed class WALearner : HerdingNmeLearner
{
    private readonly WAOptions options;

    public WALearner(MethodContext context, WAOptions options) : base(context, options.Backbone, options.BatchSize)
    {
        if (options.Loss is not ("balanced" or "ce+2kd")) throw new ArgumentException($"wa: unknown loss '{options.Loss}' (expected \"balanced\" or \"ce+2kd\")");
        this.options = options;
    }

    public override void Learn(TaskContext task)
    {
        // The first task has no old classes: plain cross-entropy (PyCIL's _init_train).
        if (task.TaskIndex == 0)
        {
            LearnFirstTask(task, task.TrainData, options.InitRecipe);
            return;
        }

        // Phase 1. The old model (PyCIL's _old_network), frozen; taken at the start of the task and freed at its end,
        // so it is no state between tasks.
        using var teacher = Net.Copy().Freeze();
        Net.UpdateFc(task.TotalClasses);
        Net.train();
        var known = task.KnownClasses;
        // The paper's L = (1 - lambda) L_CE + lambda L_KD, lambda = n / (n + m) for n old and m new classes.
        var lambda = (double)known / task.TotalClasses;
        var (ceWeight, kdWeight) = options.Loss == "ce+2kd" ? (1.0, 2.0) : (1 - lambda, lambda);
        Trainer.Run("train", Net.parameters(), options.IncrementalRecipe, task.TrainData, task, batch =>
        {
            var (_, logits) = Net.Forward(batch.Images);
            Tensor old;
            using (torch.no_grad()) old = teacher.Forward(batch.Images).logits;
            var ce = F.cross_entropy(logits, batch.Labels);
            var kd = KnowledgeDistillation.PyCilLoss(logits.narrow(1, 0, known), old, options.Temperature);
            return new StepOutput(ceWeight * ce + kdWeight * kd, logits);
        });

        // Phase 2, the paper's gamma = Mean(Norm_old) / Mean(Norm_new) over the classifier rows' L2 norms, then
        // W_new <- gamma * W_new; biases are untouched.
        var gamma = WeightAligning.Align(Net.Fc!.weight, task.NewClasses);
        task.ReportEvent("weight-aligning", new JsonObject { ["gamma"] = gamma });
    }
}
