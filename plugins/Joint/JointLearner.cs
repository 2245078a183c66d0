using CilBench.Abstractions;
using CilBench.Learning.Training;

namespace CilBench.Plugins.Joint;

/// <summary>Continues training the same network on every seen class's full training data at each task.</summary>
public sealed class JointLearner(MethodContext context, StandardOptions options) : CilBench.Learning.NetLearner(context, options.Backbone)
{
    public override void Learn(TaskContext task)
    {
        if (task.TaskIndex == 0) LearnFirstTask(task, task.TrainData, options.InitRecipe);
        else TrainCrossEntropy(task, task.TrainData, options.IncrementalRecipe);
    }
}
