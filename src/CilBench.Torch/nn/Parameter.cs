using CilBench.Torch.Native;

namespace CilBench.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A tensor that a module learns. It shares storage with the data it was made from (detached from its graph),
        /// requires grad by default, and belongs to its module rather than to any dispose scope.
        /// </summary>
        public sealed class Parameter : Tensor
        {
            public Parameter(Tensor data, bool requires_grad = true)
                : base(NativeMethods.cb_tensor_detach(Arg(data)))
            {
                if (handle.IsInvalid) NativeMethods.Check();
                DetachFromDisposeScope();
                this.requires_grad = requires_grad;
            }
        }
    }
}
