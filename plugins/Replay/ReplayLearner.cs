using CilBench.Abstractions;

namespace CilBench.Plugins.Replay;

/// <summary>Trains on the task's new data and the exemplar memory with cross-entropy over all seen classes.</summary>
public sealed class ReplayLearner(MethodContext context, ReplayOptions options) : CilBench.Learning.NetLearner(context, options.Backbone)
{
    public override void Learn(TaskContext task)
    {
        if (task.TaskIndex == 0) LearnFirstTask(task, task.TrainData, options.InitRecipe);
        else TrainCrossEntropy(task, task.TrainData, options.IncrementalRecipe);
    }
}
