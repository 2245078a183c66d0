namespace CilBench.Torch;

using F = torch.nn.functional;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>2-d convolution; default init as PyTorch (kaiming_uniform a=sqrt(5); bias U(+-1/sqrt(fan_in))).</summary>
        public sealed class Conv2d : Module<Tensor, Tensor>
        {
            public readonly long in_channels, out_channels, kernel_size, stride, padding, dilation, groups;

            public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
                long dilation = 1, long groups = 1, bool bias = true, Device? device = null)
            {
                (this.in_channels, this.out_channels, this.kernel_size, this.stride, this.padding, this.dilation, this.groups) =
                    (in_channels, out_channels, kernel_size, stride, padding, dilation, groups);
                if (in_channels % groups != 0 || out_channels % groups != 0)
                    throw new ArgumentException($"Conv2d: channels ({in_channels} in, {out_channels} out) must be divisible by groups={groups}");
                using var scope = NewDisposeScope();
                var w = empty([out_channels, in_channels / groups, kernel_size, kernel_size], device: device);
                init.kaiming_uniform_(w, a: Math.Sqrt(5));
                register_parameter("weight", weight = new Parameter(w));
                if (bias)
                {
                    var bound = 1 / Math.Sqrt(init.calculate_fan_in_and_fan_out(w).fanIn);
                    register_parameter("bias", this.bias = new Parameter(init.uniform_(empty([out_channels], device: device), -bound, bound)));
                }
                else register_parameter("bias", null);
            }

            public Parameter weight { get; }

            public Parameter? bias { get; }

            /// <summary>When set, forward uses the parametrization's weight and bias instead of the raw ones (see <see cref="IWeightParametrization"/>).</summary>
            public IWeightParametrization? parametrization { get; set; }

            public override Tensor forward(Tensor x)
            {
                if (parametrization is null) return F.conv2d(x, weight, bias, stride, padding, dilation, groups);
                var (w, b) = parametrization.Apply(weight, bias);
                return F.conv2d(x, w, b, stride, padding, dilation, groups);
            }
        }

        /// <summary>Fully connected layer y = x W^T + b; default init as PyTorch.</summary>
        public sealed class Linear : Module<Tensor, Tensor>
        {
            public readonly long in_features, out_features;

            public Linear(long in_features, long out_features, bool bias = true, Device? device = null)
            {
                (this.in_features, this.out_features) = (in_features, out_features);
                using var scope = NewDisposeScope();
                var w = empty([out_features, in_features], device: device);
                init.kaiming_uniform_(w, a: Math.Sqrt(5));
                register_parameter("weight", weight = new Parameter(w));
                if (bias)
                {
                    var bound = in_features > 0 ? 1 / Math.Sqrt(in_features) : 0;
                    register_parameter("bias", this.bias = new Parameter(init.uniform_(empty([out_features], device: device), -bound, bound)));
                }
                else register_parameter("bias", null);
            }

            public Parameter weight { get; }

            public Parameter? bias { get; }

            /// <summary>When set, forward uses the parametrization's weight and bias instead of the raw ones (see <see cref="IWeightParametrization"/>).</summary>
            public IWeightParametrization? parametrization { get; set; }

            public override Tensor forward(Tensor x)
            {
                if (parametrization is null) return F.linear(x, weight, bias);
                var (w, b) = parametrization.Apply(weight, bias);
                return F.linear(x, w, b);
            }
        }

        /// <summary>Batch norm over (N, C, H, W) with running statistics (momentum 0.1, eps 1e-5 by default).</summary>
        public sealed class BatchNorm2d : Module<Tensor, Tensor>
        {
            public readonly long num_features;
            public readonly double eps, momentum;

            public BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = true, Device? device = null)
            {
                (this.num_features, this.eps, this.momentum) = (num_features, eps, momentum);
                using var scope = NewDisposeScope();
                if (affine)
                {
                    register_parameter("weight", weight = new Parameter(ones([num_features], device: device)));
                    register_parameter("bias", bias = new Parameter(zeros([num_features], device: device)));
                }
                register_buffer("running_mean", running_mean = zeros([num_features], device: device));
                register_buffer("running_var", running_var = ones([num_features], device: device));
                register_buffer("num_batches_tracked", num_batches_tracked = zeros([], ScalarType.Int64, device));
            }

            public Parameter? weight { get; }

            public Parameter? bias { get; }

            public Tensor running_mean { get; }

            public Tensor running_var { get; }

            public Tensor num_batches_tracked { get; }

            /// <summary>When set (and the norm is affine), forward uses the parametrization's weight and bias (see <see cref="IWeightParametrization"/>).</summary>
            public IWeightParametrization? parametrization { get; set; }

            public override Tensor forward(Tensor x)
            {
                if (training)
                    using (no_grad())
                        num_batches_tracked.add_(1);
                if (parametrization is null || weight is null) return F.batch_norm(x, running_mean, running_var, weight, bias, training, momentum, eps);
                var (w, b) = parametrization.Apply(weight, bias);
                return F.batch_norm(x, running_mean, running_var, w, b, training, momentum, eps);
            }
        }

        public sealed class ReLU : Module<Tensor, Tensor>
        {
            public override Tensor forward(Tensor x) => x.relu();
        }

        public sealed class Identity : Module<Tensor, Tensor>
        {
            public override Tensor forward(Tensor x) => x.alias();
        }

        public sealed class Flatten(long start_dim = 1, long end_dim = -1) : Module<Tensor, Tensor>
        {
            public override Tensor forward(Tensor x) => x.flatten(start_dim, end_dim);
        }

        public sealed class Dropout(double p = 0.5) : Module<Tensor, Tensor>
        {
            public override Tensor forward(Tensor x) => F.dropout(x, p, training);
        }

        public sealed class AvgPool2d(long kernel_size, long? stride = null, long padding = 0) : Module<Tensor, Tensor>
        {
            public override Tensor forward(Tensor x) => F.avg_pool2d(x, kernel_size, stride, padding);
        }

        public sealed class MaxPool2d(long kernel_size, long? stride = null, long padding = 0) : Module<Tensor, Tensor>
        {
            public override Tensor forward(Tensor x) => F.max_pool2d(x, kernel_size, stride, padding);
        }

        public sealed class AdaptiveAvgPool2d(long output_size) : Module<Tensor, Tensor>
        {
            public override Tensor forward(Tensor x) => F.adaptive_avg_pool2d(x, output_size);
        }

        /// <summary>Runs its modules in order; they are registered as "0", "1", ...</summary>
        public sealed class Sequential : Module<Tensor, Tensor>
        {
            private readonly List<Module<Tensor, Tensor>> items = [];

            public Sequential(params Module<Tensor, Tensor>[] modules)
            {
                foreach (var m in modules) append(m);
            }

            public Sequential append(Module<Tensor, Tensor> module)
            {
                register_module(items.Count.ToString(), module);
                items.Add(module);
                return this;
            }

            public int Count => items.Count;

            public Module<Tensor, Tensor> this[int i] => items[i];

            public override Tensor forward(Tensor x)
            {
                if (items.Count == 0) return x.alias();
                var h = items[0].forward(x);
                for (var i = 1; i < items.Count; i++)
                {
                    var next = items[i].forward(h);
                    // Intermediates are freed as soon as the next module has read them, even inside a dispose scope (which
                    // would free them only at its end): autograd keeps its own references to what backward needs.
                    if (!ReferenceEquals(next, h) && !ReferenceEquals(h, x)) h.Dispose();
                    h = next;
                }
                return h;
            }
        }

        /// <summary>An indexable list of modules, registered as "0", "1", ...</summary>
        public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
        {
            private readonly List<T> items = [];

            public ModuleList(params T[] modules)
            {
                foreach (var m in modules) append(m);
            }

            public ModuleList<T> append(T module)
            {
                register_module(items.Count.ToString(), module);
                items.Add(module);
                return this;
            }

            public int Count => items.Count;

            public T this[int i] => items[i];

            public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
