using CilBench.Torch.Native;

namespace CilBench.Torch;

// Matrix products.
public partial class Tensor
{
    public Tensor matmul(Tensor other) => W(NativeMethods.cb_matmul(Self, Arg(other)));
    public Tensor mm(Tensor other) => W(NativeMethods.cb_mm(Self, Arg(other)));
    public Tensor bmm(Tensor other) => W(NativeMethods.cb_bmm(Self, Arg(other)));
    public Tensor dot(Tensor other) => W(NativeMethods.cb_dot(Self, Arg(other)));
    public Tensor outer(Tensor other) => W(NativeMethods.cb_outer(Self, Arg(other)));
}

public static partial class torch
{
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);

    /// <summary>Pairwise p-norm distances between the rows of <paramref name="x1"/> and <paramref name="x2"/>.</summary>
    public static Tensor cdist(Tensor x1, Tensor x2, double p = 2) => Tensor.Wrap(NativeMethods.cb_cdist(Tensor.Arg(x1), Tensor.Arg(x2), p));

    /// <summary><c>torch.linalg</c>.</summary>
    public static class linalg
    {
        /// <summary>Singular values, in descending order.</summary>
        public static Tensor svdvals(Tensor a) => Tensor.Wrap(NativeMethods.cb_svdvals(Tensor.Arg(a)));

        /// <summary>Eigenvalues of a symmetric matrix, in ascending order.</summary>
        public static Tensor eigvalsh(Tensor a) => Tensor.Wrap(NativeMethods.cb_eigvalsh(Tensor.Arg(a)));

        public static Tensor norm(Tensor a, double ord = 2) => a.norm(ord);
    }
}
