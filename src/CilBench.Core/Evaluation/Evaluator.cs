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
        Tensor? taskOf = null;
        try
        {
            // Counts accumulate on the scores' device and are read back once, after the last batch.
            using var _ = torch.inference_mode();
            foreach (var batch in test.Batches(new BatchOptions(batchSize)))
            {
                using (batch)
                using (var scope = torch.NewDisposeScope())
                using (var predictions = learner.Predict(batch.Images))
                {
                    if (predictions.Heads.Count == 0) throw new InvalidOperationException("the learner returned no prediction head");
                    var labels = batch.Labels;
                    taskOf ??= torch.tensor(taskOfClass.Select(t => (long)t).ToArray(), device: labels.device).DetachFromDisposeScope();
                    foreach (var (head, raw) in predictions.Heads)
                    {
                        var shape = raw.shape;
                        if (shape.Length != 2 || shape[0] != batch.Count || shape[1] != seen)
                            throw new InvalidOperationException(
                                $"head '{head}' returned scores of shape [{string.Join(", ", shape)}], expected [{batch.Count}, {seen}] (batch x classes seen)");
                        if (!counts.TryGetValue(head, out var c))
                        {
                            counts[head] = c = new HeadCounts(tasks, labels.device);
                            order.Add(head);
                        }
                        c.Add(raw.to(ScalarType.Float32, labels.device), labels, taskOf, seen);
                    }
                }
            }
            var currentTask = tasks - 1;
            var results = order.ToDictionary(h => h, h => counts[h].Result(currentTask));
            return new Evaluation(results, counts.Values.Sum(c => c.NonFinite));
        }
        finally
        {
            taskOf?.Dispose();
            foreach (var c in counts.Values) c.Dispose();
        }
    }

    /// <summary>Every head's figures, and the non-finite scores the learner returned (above zero: it diverged).</summary>
    public sealed record Evaluation(Dictionary<string, HeadResult> Heads, long NonFiniteScores);

    /// <summary>One head's counts, kept on the device ([top1, top5, task-aware, non-finite], per-task totals and hits) until read.</summary>
    private sealed class HeadCounts : IDisposable
    {
        private readonly int tasks;
        private readonly Tensor totals, perTaskTotal, perTaskCorrect;
        private long total;
        private long[]? read;
        private long[] taskTotals = [];
        private double[] taskCorrect = [];

        public HeadCounts(int tasks, Device device)
        {
            this.tasks = tasks;
            totals = torch.zeros([4], ScalarType.Int64, device).DetachFromDisposeScope();
            perTaskTotal = torch.zeros([tasks], ScalarType.Int64, device).DetachFromDisposeScope();
            perTaskCorrect = torch.zeros([tasks], ScalarType.Float64, device).DetachFromDisposeScope();
        }

        public void Add(Tensor scores, Tensor labels, Tensor taskOf, int seen)
        {
            var correct = scores.argmax(1).eq(labels);
            var k = Math.Min(5, seen);
            var inTop5 = scores.topk(k, 1).indices.eq(labels.unsqueeze(1)).sum(1).gt(0);
            // Task-aware: only the true task's classes compete.
            var sampleTask = taskOf.index_select(0, labels);
            var sameTask = taskOf.unsqueeze(0).eq(sampleTask.unsqueeze(1));
            var awareCorrect = scores.masked_fill(sameTask.logical_not(), double.NegativeInfinity).argmax(1).eq(labels);
            var nonFinite = scores.isfinite().logical_not();
            total += labels.numel();
            totals.add_(torch.stack([correct.sum(), inTop5.sum(), awareCorrect.sum(), nonFinite.sum()]));
            perTaskTotal.add_(sampleTask.bincount(minlength: tasks));
            perTaskCorrect.add_(sampleTask.bincount(correct.to(ScalarType.Float64), tasks));
        }

        public long NonFinite => Totals[3];

        private long[] Totals
        {
            get
            {
                if (read is null)
                {
                    read = totals.data<long>();
                    taskTotals = perTaskTotal.data<long>();
                    taskCorrect = perTaskCorrect.data<double>();
                }
                return read;
            }
        }

        public HeadResult Result(int currentTask)
        {
            var t = Totals;
            var (top1, top5, taskAware) = (t[0], t[1], t[2]);
            // Hits per task were summed as float64 (exact for counts below 2^53).
            var hits = taskCorrect.Select(c => (long)Math.Round(c)).ToArray();
            long oldTotal = 0, oldCorrect = 0;
            for (var j = 0; j < currentTask; j++)
            {
                oldTotal += taskTotals[j];
                oldCorrect += hits[j];
            }
            return new HeadResult
            {
                Top1 = Percent(top1, total),
                Top5 = Percent(top5, total),
                TaskAware = Percent(taskAware, total),
                Old = currentTask == 0 ? null : Percent(oldCorrect, oldTotal),
                New = Percent(hits[currentTask], taskTotals[currentTask]),
                AccuracyMatrixRow = taskTotals.Select((n, j) => Percent(hits[j], n)).ToArray(),
            };
        }

        private static double Percent(long correct, long n) => n == 0 ? double.NaN : 100.0 * correct / n;

        public void Dispose()
        {
            totals.Dispose();
            perTaskTotal.Dispose();
            perTaskCorrect.Dispose();
        }
    }
}
