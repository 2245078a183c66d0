using System.Runtime.CompilerServices;
using CilBench.Torch.Native;

namespace CilBench.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Loss reductions, as PyTorch's <c>reduction=</c> strings.</summary>
        public enum Reduction
        {
            None = 0,
            Mean = 1,
            Sum = 2,
            /// <summary>Sum divided by the batch size (kl_div only).</summary>
            BatchMean = 3,
        }

        /// <summary><c>torch.nn.functional</c>: differentiable ops.</summary>
        public static class functional
        {
            private static Tensor W(IntPtr p) => Tensor.Wrap(p);

            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
                conv2d(input, weight, bias, [stride, stride], [padding, padding], [dilation, dilation], groups);

            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups = 1) =>
                W(NativeMethods.cb_conv2d(Tensor.Arg(input), Tensor.Arg(weight), Tensor.OptArg(bias), Pair(stride), 2, Pair(padding), 2, Pair(dilation), 2, groups));

            // Window arguments hold one value per spatial dimension (the native side checks the lengths too).
            private static long[] Pair(long[] values, [CallerArgumentExpression(nameof(values))] string name = "")
            {
                ArgumentNullException.ThrowIfNull(values, name);
                if (values.Length != 2) throw new ArgumentException($"{name} has {values.Length} values, expected 2 (height, width)", name);
                return values;
            }

            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                W(NativeMethods.cb_linear(Tensor.Arg(input), Tensor.Arg(weight), Tensor.OptArg(bias)));

            /// <summary>Batch norm; in training, running stats (if given) are updated in place with <paramref name="momentum"/>.</summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                W(NativeMethods.cb_batch_norm(Tensor.Arg(input), Tensor.OptArg(weight), Tensor.OptArg(bias), Tensor.OptArg(running_mean), Tensor.OptArg(running_var), training, momentum, eps));

            public static Tensor relu(Tensor x) => x.relu();
            public static Tensor sigmoid(Tensor x) => x.sigmoid();
            public static Tensor tanh(Tensor x) => x.tanh();
            public static Tensor softmax(Tensor x, long dim) => W(NativeMethods.cb_softmax(Tensor.Arg(x), dim));
            public static Tensor log_softmax(Tensor x, long dim) => W(NativeMethods.cb_log_softmax(Tensor.Arg(x), dim));
            public static Tensor dropout(Tensor x, double p = 0.5, bool training = true) => W(NativeMethods.cb_dropout(Tensor.Arg(x), p, training));

            public static Tensor max_pool2d(Tensor x, long kernel_size, long? stride = null, long padding = 0, long dilation = 1, bool ceil_mode = false)
            {
                var s = stride ?? kernel_size;
                return W(NativeMethods.cb_max_pool2d(Tensor.Arg(x), [kernel_size, kernel_size], 2, [s, s], 2, [padding, padding], 2, [dilation, dilation], 2, ceil_mode));
            }

            public static Tensor avg_pool2d(Tensor x, long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false, bool count_include_pad = true)
            {
                var s = stride ?? kernel_size;
                return W(NativeMethods.cb_avg_pool2d(Tensor.Arg(x), [kernel_size, kernel_size], 2, [s, s], 2, [padding, padding], 2, ceil_mode, count_include_pad));
            }

            public static Tensor adaptive_avg_pool2d(Tensor x, long output_size) => adaptive_avg_pool2d(x, output_size, output_size);

            public static Tensor adaptive_avg_pool2d(Tensor x, long height, long width) =>
                W(NativeMethods.cb_adaptive_avg_pool2d(Tensor.Arg(x), [height, width], 2));

            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean,
                long ignore_index = -100, double label_smoothing = 0) =>
                W(NativeMethods.cb_cross_entropy(Tensor.Arg(input), Tensor.Arg(target), Tensor.OptArg(weight), (long)reduction, ignore_index, label_smoothing));

            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignore_index = -100) =>
                W(NativeMethods.cb_nll_loss(Tensor.Arg(input), Tensor.Arg(target), Tensor.OptArg(weight), (long)reduction, ignore_index));

            /// <summary>KL divergence; <paramref name="input"/> holds log-probabilities (as PyTorch).</summary>
            public static Tensor kl_div(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool log_target = false) =>
                W(NativeMethods.cb_kl_div(Tensor.Arg(input), Tensor.Arg(target), (long)reduction, log_target));

            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                W(NativeMethods.cb_mse_loss(Tensor.Arg(input), Tensor.Arg(target), (long)reduction));

            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Tensor? pos_weight = null,
                Reduction reduction = Reduction.Mean) =>
                W(NativeMethods.cb_binary_cross_entropy_with_logits(Tensor.Arg(input), Tensor.Arg(target), Tensor.OptArg(weight), Tensor.OptArg(pos_weight), (long)reduction));

            /// <summary>Pads the last dimensions: <paramref name="pad"/> is (left, right, top, bottom, ...) as PyTorch.</summary>
            public static Tensor pad(Tensor x, long[] pad, PadMode mode = PadMode.Constant, double value = 0) =>
                W(NativeMethods.cb_pad(Tensor.Arg(x), pad, pad.Length, (int)mode, value));

            public static Tensor one_hot(Tensor x, long num_classes = -1) => x.one_hot(num_classes);
        }

        public enum PadMode
        {
            Constant = 0,
            Reflect = 1,
            Replicate = 2,
            Circular = 3,
        }
    }
}
