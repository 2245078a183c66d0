namespace CilBench.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>One parameter group: its tensors and hyper-parameters (lr is changed by schedulers).</summary>
        public sealed class ParamGroup(IEnumerable<Tensor> parameters)
        {
            public IReadOnlyList<Tensor> Parameters { get; } = parameters.ToList();
            public double? LearningRate { get; set; }
            public double? Momentum { get; set; }
            public double? Dampening { get; set; }
            public double? WeightDecay { get; set; }
            public bool? Nesterov { get; set; }

            /// <summary>The group's learning rate when the scheduler was created (PyTorch's initial_lr).</summary>
            public double InitialLearningRate { get; internal set; }
        }

        /// <summary>Base of optimizers: parameter groups and gradient clearing.</summary>
        public abstract class Optimizer : IDisposable
        {
            protected Optimizer(IEnumerable<ParamGroup> groups)
            {
                param_groups = groups.ToList();
                if (param_groups.Count == 0 || param_groups.All(g => g.Parameters.Count == 0))
                    throw new ArgumentException("optimizer got an empty parameter list");
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                foreach (var p in param_groups.SelectMany(g => g.Parameters))
                    if (!seen.Add(p)) throw new ArgumentException("some parameters appear in more than one parameter group");
            }

            public IReadOnlyList<ParamGroup> param_groups { get; }

            public abstract void step();

            /// <summary>Clears the gradients of every parameter (set to none).</summary>
            public void zero_grad()
            {
                foreach (var p in param_groups.SelectMany(g => g.Parameters)) p.grad = null;
            }

            public virtual void Dispose() => GC.SuppressFinalize(this);
        }
    }
}
