using CilBench.Abstractions;
using CilBench.Core.Evaluation;
using CilBench.Core.Scenario;
using CilBench.Core.Tests.Scenario;

namespace CilBench.Core.Tests.Evaluation;

public class EvaluatorTests
{
    private static readonly InputShape Shape = new(1, 2, 2);

    // Six seen classes in three tasks: {0, 1, 2}, {3, 4}, {5}.
    private static readonly int[] TaskOfClass = [0, 0, 0, 1, 1, 2];

    // Test sample i (its pixels hold i) and its label.
    private static readonly int[] Labels = [0, 1, 2, 3, 4, 5, 5, 3];

    // Per sample: top-1 / task-aware / top-5 correct?
    private static readonly float[,] Cnn =
    {
        { 1, 0, 0, 0, 0, 0 }, // 0: right
        { 0, 4, 1, 5, 0, 0 }, // 1: class 3 wins, but 1 beats 0 and 2 of its own task: wrong / right / right
        { 0, 0, 1, 0, 0, 0 }, // 2: right
        { 5, 1, 1, 0, 2, 1 }, // 3: class 3 scores lowest of all, below 4 in its task: wrong / wrong / wrong
        { 0, 0, 0, 5, 4, 0 }, // 4: class 3 beats 4 in its task: wrong / wrong / right (second)
        { 0, 0, 0, 0, 0, 1 }, // 5: right
        { 0, 0, 0, 0, 0, 1 }, // 6: right
        { 0, 0, 0, 1, 0, 0 }, // 7: right
    };

    private static float[,] OneHot(int[] labels, int classes)
    {
        var s = new float[labels.Length, classes];
        for (var i = 0; i < labels.Length; i++) s[i, labels[i]] = 1;
        return s;
    }

    private static Dictionary<string, Core.Results.HeadResult> Evaluate(ScriptedLearner learner, int[] labels, int[] taskOfClass, int batchSize = 3)
    {
        using var store = new ImageStore(TestImages.Filled([.. Enumerable.Range(0, labels.Length)], Shape), labels, new FloatTransform());
        return new Evaluator().Evaluate(learner, store.All(), taskOfClass, batchSize).Heads;
    }

    [Fact]
    public void CountsEveryFigureAcrossBatches()
    {
        using var learner = new ScriptedLearner(("cnn", Cnn), ("nme", OneHot(Labels, 6)));

        var heads = Evaluate(learner, Labels, TaskOfClass);

        Assert.Equal(["cnn", "nme"], heads.Keys);
        var cnn = heads["cnn"];
        Assert.Equal(100.0 * 5 / 8, cnn.Top1, 9);     // samples 0, 2, 5, 6, 7
        Assert.Equal(100.0 * 7 / 8, cnn.Top5, 9);     // all but 3
        Assert.Equal(100.0 * 6 / 8, cnn.TaskAware, 9); // all but 3 and 4
        Assert.Equal(100.0 * 3 / 6, cnn.Old!.Value, 9); // tasks 0-1: samples 0-4 and 7, right: 0, 2, 7
        Assert.Equal(100.0, cnn.New, 9);               // task 2: samples 5, 6
        Assert.Equal([100.0 * 2 / 3, 100.0 / 3, 100.0], cnn.AccuracyMatrixRow);

        var nme = heads["nme"];
        Assert.Equal((100.0, 100.0, 100.0, (double?)100.0, 100.0), (nme.Top1, nme.Top5, nme.TaskAware, nme.Old, nme.New));
        Assert.Equal([100.0, 100.0, 100.0], nme.AccuracyMatrixRow);
    }

    [Fact]
    public void BatchSizeDoesNotChangeTheFigures()
    {
        using var learner = new ScriptedLearner(("cnn", Cnn));
        var one = Evaluate(learner, Labels, TaskOfClass, batchSize: 1)["cnn"];
        var all = Evaluate(learner, Labels, TaskOfClass, batchSize: 100)["cnn"];
        Assert.Equal((one.Top1, one.Top5, one.TaskAware, one.Old, one.New), (all.Top1, all.Top5, all.TaskAware, all.Old, all.New));
        Assert.Equal(one.AccuracyMatrixRow, all.AccuracyMatrixRow);
    }

    [Fact]
    public void FirstTaskHasNoOldAndTopFiveCoversFewerClasses()
    {
        int[] labels = [0, 1, 2, 1];
        // Sample 3 (class 1) scores class 1 lowest: still in the top 5 of 3 classes.
        float[,] scores = { { 1, 0, 0 }, { 0, 1, 0 }, { 1, 0, 0 }, { 2, 0, 1 } };
        using var learner = new ScriptedLearner(("cnn", scores));

        var cnn = Evaluate(learner, labels, [0, 0, 0])["cnn"];

        Assert.Null(cnn.Old);
        Assert.Equal((50.0, 100.0, 50.0, 50.0), (cnn.Top1, cnn.Top5, cnn.TaskAware, cnn.New));
        Assert.Equal([50.0], cnn.AccuracyMatrixRow);
    }

    [Fact]
    public void HeadOfTheWrongShapeIsAClearError()
    {
        using var learner = new ScriptedLearner(("cnn", Cnn), ("nme", new float[8, 5]));
        var e = Assert.Throws<InvalidOperationException>(() => Evaluate(learner, Labels, TaskOfClass));
        Assert.Contains("head 'nme'", e.Message);
        Assert.Contains("[3, 5]", e.Message);
        Assert.Contains("expected [3, 6]", e.Message);
    }

    [Fact]
    public void NonFiniteScoresAreCountedOverEveryHead()
    {
        int[] labels = [0, 1, 2, 1];
        float[,] cnn = { { float.NaN, 0, 0 }, { 0, 1, 0 }, { float.PositiveInfinity, 0, float.NegativeInfinity }, { 2, 0, 1 } };
        float[,] nme = { { 1, 0, 0 }, { 0, float.NaN, 0 }, { 1, 0, 0 }, { 2, 0, 1 } };
        using var learner = new ScriptedLearner(("cnn", cnn), ("nme", nme));
        using var store = new ImageStore(TestImages.Filled([.. Enumerable.Range(0, labels.Length)], Shape), labels, new FloatTransform());

        var evaluation = new Evaluator().Evaluate(learner, store.All(), [0, 0, 0], batchSize: 3);

        Assert.Equal(4, evaluation.NonFiniteScores);
    }
}
