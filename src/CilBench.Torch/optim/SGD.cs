using CilBench.Torch.Native;

namespace CilBench.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// torch.optim.SGD: momentum, dampening, Nesterov and L2 weight decay, per parameter group, with PyTorch's
        /// update rule (see native/src/optim.cpp). A group's step is one native call; with <c>foreach</c> (the default)
        /// it runs PyTorch's multi-tensor <c>_foreach_*</c> kernels, a few launches per group instead of several per
        /// parameter, with the same results.
        /// </summary>
        public sealed class SGD : Optimizer
        {
            private readonly Dictionary<ParamGroup, Tensor?[]> momentumBuffers = [];

            private readonly bool @foreach;

            public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false,
                bool @foreach = true)
                : this([new ParamGroup(parameters)], lr, momentum, dampening, weight_decay, nesterov, @foreach) { }

            /// <summary>Groups without their own value of a hyper-parameter take the default given here.</summary>
            public SGD(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false,
                bool @foreach = true)
                : base(groups)
            {
                this.@foreach = @foreach;
                foreach (var g in param_groups)
                {
                    g.LearningRate ??= lr;
                    g.Momentum ??= momentum;
                    g.Dampening ??= dampening;
                    g.WeightDecay ??= weight_decay;
                    g.Nesterov ??= nesterov;
                    g.InitialLearningRate = g.LearningRate.Value;
                    if (g.LearningRate < 0) throw new ArgumentException($"invalid learning rate {g.LearningRate}");
                    if (g.Momentum < 0) throw new ArgumentException($"invalid momentum {g.Momentum}");
                    if (g.WeightDecay < 0) throw new ArgumentException($"invalid weight_decay {g.WeightDecay}");
                    if (g.Nesterov == true && (g.Momentum <= 0 || g.Dampening != 0))
                        throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
                    momentumBuffers[g] = new Tensor?[g.Parameters.Count];
                }
            }

            public override void step()
            {
                foreach (var g in param_groups)
                {
                    var bufs = momentumBuffers[g];
                    IntPtr[] bufHandles;
                    using (var parameters = Tensor.Hold(g.Parameters, name: "params"))
                    using (var held = Tensor.Hold(bufs, allowNull: true, name: "momentum_buffers"))
                    {
                        bufHandles = held.Raw;
                        NativeMethods.cb_sgd_step(parameters.Raw, parameters.Raw.Length, bufHandles, bufHandles.Length, g.LearningRate!.Value,
                            g.Momentum!.Value, g.Dampening!.Value, g.WeightDecay!.Value, g.Nesterov!.Value, false, @foreach);
                    }
                    // Buffers made by this step are owned by the optimizer, not by the caller's dispose scope.
                    for (var i = 0; i < bufs.Length; i++)
                        if (bufs[i] is null && bufHandles[i] != IntPtr.Zero)
                            bufs[i] = Tensor.Wrap(bufHandles[i]).DetachFromDisposeScope();
                    NativeMethods.Check();
                }
            }

            /// <summary>The momentum buffer of a parameter, or null before its first step.</summary>
            public Tensor? momentum_buffer(Tensor parameter)
            {
                foreach (var g in param_groups)
                    for (var i = 0; i < g.Parameters.Count; i++)
                        if (ReferenceEquals(g.Parameters[i], parameter)) return momentumBuffers[g][i];
                throw new ArgumentException("the tensor is not a parameter of this optimizer");
            }

            public override void Dispose()
            {
                foreach (var b in momentumBuffers.Values.SelectMany(x => x)) b?.Dispose();
                momentumBuffers.Clear();
                base.Dispose();
            }
        }
    }
}
