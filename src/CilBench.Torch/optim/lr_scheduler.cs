namespace CilBench.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary><c>torch.optim.lr_scheduler</c>: closed-form schedules stepped once per epoch.</summary>
        public static class lr_scheduler
        {
            /// <summary>Sets each group's lr from its initial lr and the epoch count; step() advances one epoch.</summary>
            public abstract class LRScheduler
            {
                private readonly Optimizer optimizer;

                protected LRScheduler(Optimizer optimizer)
                {
                    this.optimizer = optimizer;
                    Apply();
                }

                /// <summary>Epochs stepped so far (PyTorch's last_epoch, starting at 0).</summary>
                public int last_epoch { get; private set; }

                public void step()
                {
                    last_epoch++;
                    Apply();
                }

                /// <summary>The current learning rate of every group.</summary>
                public IReadOnlyList<double> get_last_lr() => optimizer.param_groups.Select(g => g.LearningRate!.Value).ToList();

                protected abstract double LearningRate(double initial, int epoch);

                private void Apply()
                {
                    foreach (var g in optimizer.param_groups) g.LearningRate = LearningRate(g.InitialLearningRate, last_epoch);
                }
            }

            /// <summary>lr = initial * gamma^(number of milestones &lt;= epoch).</summary>
            public sealed class MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1) : LRScheduler(optimizer)
            {
                private readonly int[] sorted = milestones.Order().ToArray();

                protected override double LearningRate(double initial, int epoch) =>
                    initial * Math.Pow(gamma, sorted.Count(m => m <= epoch));
            }

            /// <summary>lr = initial * gamma^(epoch / step_size).</summary>
            public sealed class StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) : LRScheduler(optimizer)
            {
                protected override double LearningRate(double initial, int epoch) => initial * Math.Pow(gamma, epoch / step_size);
            }

            /// <summary>lr = eta_min + (initial - eta_min) * (1 + cos(pi * epoch / T_max)) / 2.</summary>
            public sealed class CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0) : LRScheduler(optimizer)
            {
                protected override double LearningRate(double initial, int epoch) =>
                    eta_min + (initial - eta_min) * (1 + Math.Cos(Math.PI * epoch / T_max)) / 2;
            }
        }
    }
}
