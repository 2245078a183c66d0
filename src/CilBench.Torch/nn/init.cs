namespace CilBench.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary><c>torch.nn.init</c>: in-place initialisers with PyTorch's fan and gain rules.</summary>
        public static class init
        {
            [ThreadStatic] private static Generator? seeded;

            /// <summary>
            /// Until the returned scope is disposed, every initialiser on this thread that is given no generator (and so
            /// every layer constructed, with its default initialisation) draws from <paramref name="generator"/>: a
            /// network built inside the scope depends on that generator's seed alone, whatever ran before it.
            /// </summary>
            public static IDisposable Seeded(Generator generator)
            {
                var previous = seeded;
                seeded = generator;
                return new Restore(previous);
            }

            private sealed class Restore(Generator? previous) : IDisposable
            {
                public void Dispose() => seeded = previous;
            }

            public enum FanMode
            {
                FanIn,
                FanOut,
            }

            /// <summary>(fan_in, fan_out) of a weight: dim 1 and dim 0 times the receptive field size.</summary>
            public static (long fanIn, long fanOut) calculate_fan_in_and_fan_out(Tensor t)
            {
                var s = t.shape;
                if (s.Length < 2) throw new ArgumentException("fan in and fan out need a tensor of at least 2 dimensions");
                long receptive = 1;
                for (var i = 2; i < s.Length; i++) receptive *= s[i];
                return (s[1] * receptive, s[0] * receptive);
            }

            /// <summary>The recommended gain: relu sqrt(2), leaky_relu sqrt(2 / (1 + a^2)), linear/conv/sigmoid 1, tanh 5/3.</summary>
            public static double calculate_gain(string nonlinearity, double param = 0.01) => nonlinearity switch
            {
                "linear" or "conv2d" or "sigmoid" or "conv1d" or "conv3d" => 1.0,
                "tanh" => 5.0 / 3,
                "relu" => Math.Sqrt(2.0),
                "leaky_relu" => Math.Sqrt(2.0 / (1 + param * param)),
                _ => throw new ArgumentException($"unsupported nonlinearity '{nonlinearity}'"),
            };

            private static long Fan(Tensor t, FanMode mode)
            {
                var (i, o) = calculate_fan_in_and_fan_out(t);
                return mode == FanMode.FanIn ? i : o;
            }

            public static Tensor kaiming_uniform_(Tensor t, double a = 0, FanMode mode = FanMode.FanIn, string nonlinearity = "leaky_relu", Generator? generator = null)
            {
                var bound = calculate_gain(nonlinearity, a) * Math.Sqrt(3.0 / Fan(t, mode));
                return uniform_(t, -bound, bound, generator);
            }

            public static Tensor kaiming_normal_(Tensor t, double a = 0, FanMode mode = FanMode.FanIn, string nonlinearity = "leaky_relu", Generator? generator = null)
            {
                var std = calculate_gain(nonlinearity, a) / Math.Sqrt(Fan(t, mode));
                return normal_(t, 0, std, generator);
            }

            public static Tensor xavier_uniform_(Tensor t, double gain = 1, Generator? generator = null)
            {
                var (i, o) = calculate_fan_in_and_fan_out(t);
                var bound = gain * Math.Sqrt(6.0 / (i + o));
                return uniform_(t, -bound, bound, generator);
            }

            public static Tensor uniform_(Tensor t, double a = 0, double b = 1, Generator? generator = null) =>
                Draw(t, generator, (x, g) => x.uniform_(a, b, g));

            public static Tensor normal_(Tensor t, double mean = 0, double std = 1, Generator? generator = null) =>
                Draw(t, generator, (x, g) => x.normal_(mean, std, g));

            // A seeded generator is a CPU generator: off the CPU, draw on the CPU and copy, so the values are the same
            // on every device.
            private static Tensor Draw(Tensor t, Generator? generator, Func<Tensor, Generator?, Tensor> draw)
            {
                using var _ = no_grad();
                var g = generator ?? seeded;
                if (g is null || t.device.Type == DeviceType.CPU) return draw(t, g);
                using var scope = NewDisposeScope();
                t.copy_(draw(empty(t.shape, t.dtype), g));
                return t;
            }

            public static Tensor constant_(Tensor t, double value)
            {
                using var _ = no_grad();
                return t.fill_(value);
            }

            public static Tensor zeros_(Tensor t) => constant_(t, 0);

            public static Tensor ones_(Tensor t) => constant_(t, 1);
        }
    }
}
