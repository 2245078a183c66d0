using CilBench.Abstractions;
using CilBench.Learning;
using CilBench.Learning.Training;

namespace CilBench.Core.BaseModels;

/// <summary>
/// The shared first-task model's learner: a plain backbone (initial weights from the run's seed) and a linear
/// classifier trained with cross-entropy on the first task, exactly as the methods built on NetLearner train theirs
/// (PyCIL's finetune checkpoint that MEMO and GRACE load).
/// </summary>
internal sealed class FirstTaskLearner(MethodContext context, FirstTaskRecipe recipe) : NetLearner(context, recipe.Backbone)
{
    public override void Learn(TaskContext task) => TrainCrossEntropy(task, task.NewData, recipe.Recipe);
}
