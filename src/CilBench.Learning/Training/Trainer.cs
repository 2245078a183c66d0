using CilBench.Abstractions;
using CilBench.Torch;
using static CilBench.Torch.torch.optim;

namespace CilBench.Learning.Training;

/// <summary>What one training step produced: the loss to minimise and, optionally, logits for training accuracy.</summary>
public sealed record StepOutput(Tensor Loss, Tensor? Logits = null);

/// <summary>
/// The training loop shared by the methods (PyCIL's _init_train / _update_representation): SGD with momentum and
/// weight decay, MultiStepLR or cosine stepped per epoch, shuffled augmented batches, one dispose scope per step,
/// progress per epoch, and a guard that stops on a non-finite loss. A step reads nothing back from the device: the
/// epoch's loss and accuracy are summed there and read once per epoch (where the non-finite guard looks).
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
        var autocast = recipe.Precision switch
        {
            "fp32" => (ScalarType?)null,
            "bf16" => ScalarType.BFloat16,
            _ => throw new ArgumentException($"unknown precision '{recipe.Precision}' (expected fp32 or bf16)"),
        };
        var trained = groups.SelectMany(g => g.Parameters).ToList();
        var channelsLast = recipe.MemoryFormat switch
        {
            "contiguous" => false,
            "channels_last" => true,
            // Measured (README, Performance): a CPU epoch in about 0.66x the time. Not yet measured on CUDA: contiguous.
            "auto" => trained.Count > 0 && trained[0].device.Type == DeviceType.CPU,
            _ => throw new ArgumentException($"unknown memoryFormat '{recipe.MemoryFormat}' (expected auto, contiguous or channels_last)"),
        };
        if (channelsLast) Rebind(trained, MemoryFormat.ChannelsLast);
        try
        {
            Epochs(phase, groups, recipe, data, task, step, afterEpoch, autocast, channelsLast);
        }
        finally
        {
            // Outside training the parameters are contiguous again, as a learner reloaded from its state has them, so
            // evaluation and herding compute the same whether or not the run was restarted.
            if (channelsLast) Rebind(trained, MemoryFormat.Contiguous);
        }
    }

    private static void Epochs(string phase, IReadOnlyList<ParamGroup> groups, TrainRecipe recipe, IDataView data, TaskContext task,
        Func<Batch, StepOutput> step, Action<int>? afterEpoch, ScalarType? autocast, bool channelsLast)
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
            // The epoch's loss and hit sums stay on the device and are read once, at its end: a step makes no host sync.
            Tensor? lossSum = null, correct = null;
            long seen = 0, batches = 0;
            try
            {
                var options = new BatchOptions(recipe.BatchSize, Shuffle: true, Augment: true, Seed: unchecked(task.Seed * 1009 + epoch));
                foreach (var batch in data.Batches(options))
                {
                    task.Cancellation.ThrowIfCancellationRequested();
                    using (batch)
                    using (var scope = torch.NewDisposeScope())
                    {
                        StepOutput output;
                        using (autocast is { } dtype ? torch.autocast(dtype, batch.Images.device.Type) : null)
                        {
                            if (!channelsLast)
                            {
                                output = step(batch);
                            }
                            else
                            {
                                using var nhwc = new Batch(batch.Images.to(MemoryFormat.ChannelsLast), batch.Labels.alias(), batch.Positions);
                                output = step(nhwc);
                            }
                        }
                        optimizer.zero_grad();
                        output.Loss.backward();
                        optimizer.step();
                        using (torch.no_grad())
                        {
                            var loss = output.Loss.detach().to(ScalarType.Float64);
                            lossSum ??= torch.zeros([], ScalarType.Float64, loss.device).DetachFromDisposeScope();
                            lossSum.add_(loss);
                            if (output.Logits is { } logits)
                            {
                                correct ??= torch.zeros([], ScalarType.Int64, logits.device).DetachFromDisposeScope();
                                correct.add_(logits.argmax(1).eq(batch.Labels).sum());
                                seen += batch.Count;
                            }
                        }
                        batches++;
                    }
                }
                scheduler.step();
                afterEpoch?.Invoke(epoch + 1);
                var (meanLoss, accuracy) = Read(lossSum, correct, batches, seen);
                if (!double.IsFinite(meanLoss))
                    throw new InvalidOperationException($"{phase}: the loss became {meanLoss} during epoch {epoch + 1}; stopping");
                task.Progress.Report(new TrainingProgress(phase, epoch + 1, recipe.Epochs, meanLoss, accuracy));
            }
            finally
            {
                lossSum?.Dispose();
                correct?.Dispose();
            }
        }
    }

    /// <summary>Rebinds the 4-d parameters (convolution kernels) to <paramref name="format"/> storage, keeping their identity.</summary>
    private static void Rebind(IEnumerable<Tensor> parameters, MemoryFormat format)
    {
        using var _ = torch.no_grad();
        foreach (var p in parameters.Where(p => p.dim() == 4))
            using (var stored = p.detach().to(format))
                p.set_data(stored);
    }

    /// <summary>The epoch's mean loss and accuracy (percent, null without logits), in one read from the device.</summary>
    private static (double MeanLoss, double? Accuracy) Read(Tensor? lossSum, Tensor? correct, long batches, long seen)
    {
        if (lossSum is null) return (0, null);
        using var scope = torch.NewDisposeScope();
        var sums = correct is null ? lossSum.view(1) : torch.stack([lossSum, correct.to(ScalarType.Float64)]);
        var values = sums.data<double>();
        return (values[0] / batches, correct is null || seen == 0 ? null : 100.0 * values[1] / seen);
    }
}
