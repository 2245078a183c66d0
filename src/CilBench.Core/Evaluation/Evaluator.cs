using CilBench.Abstractions;
using CilBench.Core.Results;
using CilBench.Torch;

namespace CilBench.Core.Evaluation;

/// <summary>
/// Evaluates every head of a learner on the test data of all classes seen so far: top-1, top-5, task-aware top-1,
/// old/new, and one row of the accuracy matrix. Counting runs in libtorch on the scores' device.
/// </summary>
public sealed class Evaluator
{
    /// <param name="learner">The learner after this task.</param>
    /// <param name="test">Test data of the seen classes (labels are incremental class indices).</param>
    /// <param name="taskOfClass">Task index of each incremental class seen so far.</param>
    /// <param name="batchSize">Evaluation batch size.</param>
    public Evaluation Evaluate(IIncrementalLearner learner, IDataView test, int[] taskOfClass, int batchSize)
    {
        var seen = taskOfClass.Length;
        var tasks = taskOfClass.Max() + 1;
        var counts = new Dictionary<string, HeadCounts>();
        var order = new List<string>();
        long nonFinite = 0;
        using var taskOf = torch.tensor(taskOfClass.Select(t => (long)t).ToArray());
        using var _ = torch.no_grad();
        foreach (var batch in test.Batches(new BatchOptions(batchSize)))
        {
            using (batch)
            using (var scope = torch.NewDisposeScope())
            using (var predictions = learner.Predict(batch.Images))
            {
                if (predictions.Heads.Count == 0) throw new InvalidOperationException("the learner returned no prediction head");
                var labels = batch.Labels;
                foreach (var (head, raw) in predictions.Heads)
                {
                    var shape = raw.shape;
                    if (shape.Length != 2 || shape[0] != batch.Count || shape[1] != seen)
                        throw new InvalidOperationException(
                            $"head '{head}' returned scores of shape [{string.Join(", ", shape)}], expected [{batch.Count}, {seen}] (batch x classes seen)");
                    if (!counts.TryGetValue(head, out var c))
                    {
                        counts[head] = c = new HeadCounts(tasks);
                        order.Add(head);
                    }
                    var scores = raw.to(ScalarType.Float32, labels.device);
                    nonFinite += scores.isfinite().logical_not().sum().item<long>();
                    c.Add(scores, labels, taskOf.to(labels.device), seen);
                }
            }
        }
        var currentTask = tasks - 1;
        return new Evaluation(order.ToDictionary(h => h, h => counts[h].Result(currentTask)), nonFinite);
    }

    /// <summary>Every head's figures, and the non-finite scores the learner returned (above zero: it diverged).</summary>
    public sealed record Evaluation(Dictionary<string, HeadResult> Heads, long NonFiniteScores);

    private sealed class HeadCounts(int tasks)
    {
        private long total, top1, top5, taskAware, oldTotal, oldCorrect, newTotal, newCorrect;
        private readonly long[] perTaskTotal = new long[tasks], perTaskCorrect = new long[tasks];

        public void Add(Tensor scores, Tensor labels, Tensor taskOf, int seen)
        {
            var correct = scores.argmax(1).eq(labels);
            var k = Math.Min(5, seen);
            var inTop5 = scores.topk(k, 1).indices.eq(labels.unsqueeze(1)).sum(1).gt(0);
            // Task-aware: only the true task's classes compete.
            var sampleTask = taskOf.index_select(0, labels);
            var sameTask = taskOf.unsqueeze(0).eq(sampleTask.unsqueeze(1));
            var awareCorrect = scores.masked_fill(sameTask.logical_not(), double.NegativeInfinity).argmax(1).eq(labels);

            total += labels.numel();
            top1 += correct.sum().item<long>();
            top5 += inTop5.sum().item<long>();
            taskAware += awareCorrect.sum().item<long>();
            var taskCounts = sampleTask.bincount(minlength: tasks).cpu().data<long>();
            var taskCorrect = sampleTask.bincount(correct.to(ScalarType.Float64), tasks).cpu().data<double>();
            for (var j = 0; j < tasks; j++)
            {
                perTaskTotal[j] += taskCounts[j];
                perTaskCorrect[j] += (long)Math.Round(taskCorrect[j]);
            }
            var current = tasks - 1;
            newTotal += taskCounts[current];
            newCorrect += (long)Math.Round(taskCorrect[current]);
            for (var j = 0; j < current; j++)
            {
                oldTotal += taskCounts[j];
                oldCorrect += (long)Math.Round(taskCorrect[j]);
            }
        }

        public HeadResult Result(int currentTask) => new()
        {
            Top1 = Percent(top1, total),
            Top5 = Percent(top5, total),
            TaskAware = Percent(taskAware, total),
            Old = currentTask == 0 ? null : Percent(oldCorrect, oldTotal),
            New = Percent(newCorrect, newTotal),
            AccuracyMatrixRow = perTaskTotal.Select((n, j) => Percent(perTaskCorrect[j], n)).ToArray(),
        };

        private static double Percent(long correct, long n) => n == 0 ? double.NaN : 100.0 * correct / n;
    }
}
