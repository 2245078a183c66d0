namespace CilBench.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A container of parameters, buffers and submodules, as <c>torch.nn.Module</c>. Names are dotted paths
        /// (<c>stage_1.0.conv_a.weight</c>) in registration order, so state dicts line up with PyTorch's.
        /// A module owns what it registers and frees it on Dispose.
        /// </summary>
        public abstract class Module : IDisposable
        {
            private readonly List<KeyValuePair<string, Parameter?>> parameters_ = [];
            private readonly List<KeyValuePair<string, Tensor>> buffers_ = [];
            private readonly HashSet<string> nonPersistent = [];
            private readonly List<KeyValuePair<string, Module>> modules_ = [];

            public bool training { get; private set; } = true;

            // ---- registration ----

            /// <summary>Registers (or replaces, disposing the old one) a parameter; null registers an absent one (e.g. no bias).</summary>
            public void register_parameter(string name, Parameter? p) => Set(parameters_, name, p);

            /// <summary>Registers (or replaces) a buffer: state that is saved but not learned (BN running statistics).</summary>
            public void register_buffer(string name, Tensor buffer, bool persistent = true)
            {
                buffer.DetachFromDisposeScope();
                Set(buffers_, name, buffer);
                if (persistent) nonPersistent.Remove(name);
                else nonPersistent.Add(name);
            }

            public T register_module<T>(string name, T module) where T : Module
            {
                Set(modules_, name, module);
                return module;
            }

            private static void Set<T>(List<KeyValuePair<string, T>> list, string name, T value) where T : class?
            {
                if (string.IsNullOrEmpty(name) || name.Contains('.'))
                    throw new ArgumentException($"invalid member name '{name}': must be non-empty and contain no '.'");
                var i = list.FindIndex(kv => kv.Key == name);
                if (i < 0)
                {
                    list.Add(new(name, value));
                    return;
                }
                if (!ReferenceEquals(list[i].Value, value)) (list[i].Value as IDisposable)?.Dispose();
                list[i] = new(name, value);
            }

            // ---- traversal ----

            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                foreach (var (name, p) in parameters_)
                    if (p is not null) yield return (name, p);
                if (!recurse) yield break;
                foreach (var (prefix, m) in modules_)
                foreach (var (name, p) in m.named_parameters())
                    yield return ($"{prefix}.{name}", p);
            }

            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(x => x.parameter);

            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
            {
                foreach (var (name, b) in buffers_) yield return (name, b);
                if (!recurse) yield break;
                foreach (var (prefix, m) in modules_)
                foreach (var (name, b) in m.named_buffers())
                    yield return ($"{prefix}.{name}", b);
            }

            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(x => x.buffer);

            public IEnumerable<(string name, Module module)> named_children() => modules_.Select(kv => (kv.Key, kv.Value));

            public IEnumerable<Module> children() => modules_.Select(kv => kv.Value);

            /// <summary>This module (name "") and every descendant, depth first.</summary>
            public IEnumerable<(string name, Module module)> named_modules()
            {
                yield return ("", this);
                foreach (var (prefix, m) in modules_)
                foreach (var (name, sub) in m.named_modules())
                    yield return (name.Length == 0 ? prefix : $"{prefix}.{name}", sub);
            }

            public IEnumerable<Module> modules() => named_modules().Select(x => x.module);

            // ---- mode, device, gradients ----

            /// <summary>Sets training mode on this module and every descendant.</summary>
            public virtual Module train(bool mode = true)
            {
                training = mode;
                foreach (var (_, m) in modules_) m.train(mode);
                return this;
            }

            public Module eval() => train(false);

            /// <summary>Moves every parameter and buffer to <paramref name="device"/> in place (objects keep their identity).</summary>
            public Module to(Device device)
            {
                ApplyToTensors(t => t.to(device));
                return this;
            }

            /// <summary>Converts floating-point parameters and buffers to <paramref name="dtype"/> in place.</summary>
            public Module to(ScalarType dtype)
            {
                ApplyToTensors(t => IsFloating(t.dtype) ? t.to(dtype) : t.alias());
                return this;
            }

            private void ApplyToTensors(Func<Tensor, Tensor> fn)
            {
                using var _ = no_grad();
                foreach (var t in parameters().Cast<Tensor>().Concat(buffers()))
                {
                    using var moved = fn(t);
                    t.set_data(moved);
                }
            }

            private static bool IsFloating(ScalarType t) =>
                t is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16;

            /// <summary>Clears every parameter's gradient (set to none, as PyTorch 2's default).</summary>
            public void zero_grad()
            {
                foreach (var p in parameters()) p.grad = null;
            }

            /// <summary>Freezes (false) or unfreezes every parameter.</summary>
            public Module requires_grad_(bool requires_grad = true)
            {
                foreach (var p in parameters()) p.requires_grad = requires_grad;
                return this;
            }

            // ---- state ----

            /// <summary>
            /// Parameters and persistent buffers by dotted name, as detached views sharing storage. Like any new tensor,
            /// the views join the current dispose scope.
            /// </summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var result = new Dictionary<string, Tensor>();
                foreach (var (name, t) in NamedState()) result[name] = t.detach();
                return result;
            }

            /// <summary>Parameters and persistent buffers in PyTorch's state_dict order: each module's own, then its children's.</summary>
            private IEnumerable<(string name, Tensor tensor)> NamedState()
            {
                foreach (var (name, p) in parameters_)
                    if (p is not null) yield return (name, p);
                foreach (var (name, b) in buffers_)
                    if (!nonPersistent.Contains(name)) yield return (name, b);
                foreach (var (prefix, m) in modules_)
                foreach (var (name, t) in m.NamedState())
                    yield return ($"{prefix}.{name}", t);
            }

            /// <summary>
            /// Copies tensors into this module's parameters and buffers by name. With <paramref name="strict"/>, a
            /// missing or unexpected key, or a shape mismatch, is an error naming the key; nothing is copied then.
            /// </summary>
            public void load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
            {
                var targets = NamedState().ToList();
                var errors = new List<string>();
                foreach (var (name, t) in targets)
                {
                    if (!state.TryGetValue(name, out var src))
                    {
                        if (strict) errors.Add($"missing key '{name}'");
                        continue;
                    }
                    var (want, got) = (t.shape, src.shape);
                    if (!want.SequenceEqual(got))
                        errors.Add($"shape mismatch for '{name}': expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");
                }
                if (strict)
                {
                    var known = targets.Select(x => x.name).ToHashSet();
                    errors.AddRange(state.Keys.Where(k => !known.Contains(k)).Select(k => $"unexpected key '{k}'"));
                }
                if (errors.Count > 0) throw new ArgumentException($"load_state_dict for {GetType().Name}: {string.Join("; ", errors)}");

                using var _ = no_grad();
                foreach (var (name, t) in targets)
                    if (state.TryGetValue(name, out var src)) t.copy_(src);
            }

            /// <summary>Number of elements in all parameters.</summary>
            public long parameter_count() => parameters().Sum(p => p.numel());

            public virtual void Dispose()
            {
                foreach (var (_, p) in parameters_) p?.Dispose();
                foreach (var (_, b) in buffers_) b.Dispose();
                foreach (var (_, m) in modules_) m.Dispose();
                parameters_.Clear();
                buffers_.Clear();
                modules_.Clear();
                GC.SuppressFinalize(this);
            }
        }

        /// <summary>A module with a single-input forward, callable as <c>module.call(x)</c>.</summary>
        public abstract class Module<TIn, TOut> : Module
        {
            public abstract TOut forward(TIn input);

            public TOut call(TIn input) => forward(input);
        }
    }
}
