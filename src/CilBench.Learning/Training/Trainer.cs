using CilBench.Abstractions;
using CilBench.Torch;
using static CilBench.Torch.torch.optim;

namespace CilBench.Learning.Training;

/// <summary>What one training step produced: the loss to minimise and, optionally, logits for training accuracy.</summary>
public sealed record StepOutput(Tensor Loss, Tensor? Logits = null);

/// <summary>
/// The training loop shared by the methods (PyCIL's _init_train / _update_representation): SGD with momentum and
/// weight decay, MultiStepLR or cosine stepped per epoch, shuffled augmented batches, one dispose scope per step,
/// progress per epoch, and a guard that stops on a non-finite loss.
/// </summary>
public static class Trainer
{
    public static void Run(string phase, IEnumerable<Tensor> parameters, TrainRecipe recipe, IDataView data, TaskContext task,
        Func<Batch, StepOutput> step) =>
        Run(phase, [new ParamGroup(parameters.Where(p => p.requires_grad))], recipe, data, task, step);

    /// <summary>
    /// The loop over parameter groups (a group's own learning rate or weight decay overrides the recipe's, e.g. mask
    /// scores without weight decay); <paramref name="afterEpoch"/> runs after each epoch with the epochs done (e.g. to
    /// raise a mask's temperature).
    /// </summary>
    public static void Run(string phase, IReadOnlyList<ParamGroup> groups, TrainRecipe recipe, IDataView data, TaskContext task,
        Func<Batch, StepOutput> step, Action<int>? afterEpoch = null)
    {
        using var optimizer = new SGD(groups, recipe.LearningRate, recipe.Momentum, weight_decay: recipe.WeightDecay);
        lr_scheduler.LRScheduler scheduler = recipe.Scheduler switch
        {
            "multistep" => new lr_scheduler.MultiStepLR(optimizer, recipe.Milestones, recipe.LrDecay),
            "cosine" => new lr_scheduler.CosineAnnealingLR(optimizer, recipe.Epochs),
            _ => throw new ArgumentException($"unknown scheduler '{recipe.Scheduler}' (expected multistep or cosine)"),
        };
        for (var epoch = 0; epoch < recipe.Epochs; epoch++)
        {
            double lossSum = 0;
            long correct = 0, seen = 0, batches = 0;
            var options = new BatchOptions(recipe.BatchSize, Shuffle: true, Augment: true, Seed: unchecked(task.Seed * 1009 + epoch));
            foreach (var batch in data.Batches(options))
            {
                task.Cancellation.ThrowIfCancellationRequested();
                using (batch)
                using (var scope = torch.NewDisposeScope())
                {
                    var output = step(batch);
                    optimizer.zero_grad();
                    output.Loss.backward();
                    optimizer.step();
                    var loss = output.Loss.item();
                    if (!double.IsFinite(loss))
                        throw new InvalidOperationException($"{phase}: the loss became {loss} at epoch {epoch + 1}, batch {batches + 1}; stopping");
                    lossSum += loss;
                    batches++;
                    if (output.Logits is { } logits)
                    {
                        correct += logits.argmax(1).eq(batch.Labels).sum().item<long>();
                        seen += batch.Count;
                    }
                }
            }
            scheduler.step();
            afterEpoch?.Invoke(epoch + 1);
            task.Progress.Report(new TrainingProgress(phase, epoch + 1, recipe.Epochs, batches == 0 ? 0 : lossSum / batches,
                seen == 0 ? null : 100.0 * correct / seen));
        }
    }
}
