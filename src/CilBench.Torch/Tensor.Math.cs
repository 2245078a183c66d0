using CilBench.Torch.Native;

namespace CilBench.Torch;

// Elementwise arithmetic (with broadcasting), comparisons and unary math. In-place variants end in '_'.
public partial class Tensor
{
    private static Tensor W(IntPtr p) => Wrap(p);

    private Tensor Done()
    {
        NativeMethods.Check();
        return this;
    }

    public Tensor add(Tensor other, double alpha = 1) => W(NativeMethods.cb_add(handle, other.handle, alpha));
    public Tensor add(double s) => W(NativeMethods.cb_add_scalar(handle, s));
    // Integer scalars keep an integer tensor's dtype, as Python ints do; double scalars promote it to float.
    public Tensor add(long s) => W(NativeMethods.cb_add_scalar_long(handle, s));
    public Tensor add_(Tensor other, double alpha = 1) { NativeMethods.cb_add_(handle, other.handle, alpha); return Done(); }
    public Tensor add_(double s) { NativeMethods.cb_add_scalar_(handle, s); return Done(); }
    public Tensor add_(long s) { NativeMethods.cb_add_scalar_long_(handle, s); return Done(); }
    public Tensor sub(Tensor other, double alpha = 1) => W(NativeMethods.cb_sub(handle, other.handle, alpha));
    public Tensor sub(double s) => W(NativeMethods.cb_sub_scalar(handle, s));
    public Tensor sub(long s) => W(NativeMethods.cb_sub_scalar_long(handle, s));
    public Tensor sub_(Tensor other, double alpha = 1) { NativeMethods.cb_sub_(handle, other.handle, alpha); return Done(); }
    public Tensor sub_(double s) { NativeMethods.cb_sub_scalar_(handle, s); return Done(); }
    public Tensor sub_(long s) { NativeMethods.cb_sub_scalar_long_(handle, s); return Done(); }
    public Tensor mul(Tensor other) => W(NativeMethods.cb_mul(handle, other.handle));
    public Tensor mul(double s) => W(NativeMethods.cb_mul_scalar(handle, s));
    public Tensor mul(long s) => W(NativeMethods.cb_mul_scalar_long(handle, s));
    public Tensor mul_(Tensor other) { NativeMethods.cb_mul_(handle, other.handle); return Done(); }
    public Tensor mul_(double s) { NativeMethods.cb_mul_scalar_(handle, s); return Done(); }
    public Tensor mul_(long s) { NativeMethods.cb_mul_scalar_long_(handle, s); return Done(); }
    public Tensor div(Tensor other) => W(NativeMethods.cb_div(handle, other.handle));
    public Tensor div(double s) => W(NativeMethods.cb_div_scalar(handle, s));
    public Tensor div_(Tensor other) { NativeMethods.cb_div_(handle, other.handle); return Done(); }
    public Tensor div_(double s) { NativeMethods.cb_div_scalar_(handle, s); return Done(); }
    public Tensor pow(Tensor exponent) => W(NativeMethods.cb_pow(handle, exponent.handle));
    public Tensor pow(double exponent) => W(NativeMethods.cb_pow_scalar(handle, exponent));
    public Tensor pow_(double exponent) { NativeMethods.cb_pow_scalar_(handle, exponent); return Done(); }
    public Tensor remainder(Tensor other) => W(NativeMethods.cb_remainder(handle, other.handle));
    public Tensor remainder(double s) => W(NativeMethods.cb_remainder_scalar(handle, s));
    public Tensor floor_divide(Tensor other) => W(NativeMethods.cb_floor_divide(handle, other.handle));
    public Tensor floor_divide(double s) => W(NativeMethods.cb_floor_divide_scalar(handle, s));
    public Tensor floor_divide(long s) => W(NativeMethods.cb_floor_divide_scalar_long(handle, s));
    public Tensor maximum(Tensor other) => W(NativeMethods.cb_maximum(handle, other.handle));
    public Tensor minimum(Tensor other) => W(NativeMethods.cb_minimum(handle, other.handle));
    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) { NativeMethods.cb_addcmul_(handle, t1.handle, t2.handle, value); return Done(); }
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) { NativeMethods.cb_addcdiv_(handle, t1.handle, t2.handle, value); return Done(); }
    public Tensor lerp(Tensor end, double weight) => W(NativeMethods.cb_lerp(handle, end.handle, weight));
    public Tensor lerp_(Tensor end, double weight) { NativeMethods.cb_lerp_(handle, end.handle, weight); return Done(); }

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double s) => a.add(s);
    public static Tensor operator +(Tensor a, long s) => a.add(s);
    public static Tensor operator +(double s, Tensor a) => a.add(s);
    public static Tensor operator +(long s, Tensor a) => a.add(s);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double s) => a.sub(s);
    public static Tensor operator -(Tensor a, long s) => a.sub(s);
    public static Tensor operator -(double s, Tensor a) => W(NativeMethods.cb_rsub_scalar(a.handle, s));
    public static Tensor operator -(long s, Tensor a) => W(NativeMethods.cb_rsub_scalar_long(a.handle, s));
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double s) => a.mul(s);
    public static Tensor operator *(Tensor a, long s) => a.mul(s);
    public static Tensor operator *(double s, Tensor a) => a.mul(s);
    public static Tensor operator *(long s, Tensor a) => a.mul(s);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double s) => a.div(s);
    public static Tensor operator /(double s, Tensor a) => W(NativeMethods.cb_rdiv_scalar(a.handle, s));
    public static Tensor operator %(Tensor a, Tensor b) => a.remainder(b);
    public static Tensor operator %(Tensor a, double s) => a.remainder(s);

    // Comparisons return bool tensors (codes as in native compare()).
    public Tensor eq(Tensor o) => W(NativeMethods.cb_compare(handle, o.handle, 0));
    public Tensor eq(double s) => W(NativeMethods.cb_compare_scalar(handle, s, 0));
    public Tensor ne(Tensor o) => W(NativeMethods.cb_compare(handle, o.handle, 1));
    public Tensor ne(double s) => W(NativeMethods.cb_compare_scalar(handle, s, 1));
    public Tensor lt(Tensor o) => W(NativeMethods.cb_compare(handle, o.handle, 2));
    public Tensor lt(double s) => W(NativeMethods.cb_compare_scalar(handle, s, 2));
    public Tensor le(Tensor o) => W(NativeMethods.cb_compare(handle, o.handle, 3));
    public Tensor le(double s) => W(NativeMethods.cb_compare_scalar(handle, s, 3));
    public Tensor gt(Tensor o) => W(NativeMethods.cb_compare(handle, o.handle, 4));
    public Tensor gt(double s) => W(NativeMethods.cb_compare_scalar(handle, s, 4));
    public Tensor ge(Tensor o) => W(NativeMethods.cb_compare(handle, o.handle, 5));
    public Tensor ge(double s) => W(NativeMethods.cb_compare_scalar(handle, s, 5));
    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    public static Tensor operator <(Tensor a, double s) => a.lt(s);
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    public static Tensor operator >(Tensor a, double s) => a.gt(s);
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    public static Tensor operator <=(Tensor a, double s) => a.le(s);
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    public static Tensor operator >=(Tensor a, double s) => a.ge(s);
    public static Tensor operator &(Tensor a, Tensor b) => a.logical_and(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.logical_or(b);
    public static Tensor operator !(Tensor a) => a.logical_not();
    public Tensor logical_and(Tensor o) => W(NativeMethods.cb_logical_and(handle, o.handle));
    public Tensor logical_or(Tensor o) => W(NativeMethods.cb_logical_or(handle, o.handle));
    public Tensor logical_not() => W(NativeMethods.cb_logical_not(handle));
    public Tensor isnan() => W(NativeMethods.cb_isnan(handle));
    public Tensor isfinite() => W(NativeMethods.cb_isfinite(handle));
    public bool allclose(Tensor o, double rtol = 1e-5, double atol = 1e-8) => Checked(NativeMethods.cb_allclose(handle, o.handle, rtol, atol));
    /// <summary>True when shapes and every element are equal (torch.equal).</summary>
    public bool equal(Tensor o) => Checked(NativeMethods.cb_equal(handle, o.handle));

    public Tensor clamp(double? min = null, double? max = null) =>
        W(NativeMethods.cb_clamp(handle, min.HasValue, min ?? 0, max.HasValue, max ?? 0));
    public Tensor clamp_(double? min = null, double? max = null)
    {
        NativeMethods.cb_clamp_(handle, min.HasValue, min ?? 0, max.HasValue, max ?? 0);
        return Done();
    }
    public Tensor clamp_min(double min) => clamp(min, null);
    public Tensor clamp_max(double max) => clamp(null, max);

    private Tensor Unary(UnaryOp op) => W(NativeMethods.cb_unary(handle, (int)op));
    private Tensor Unary_(UnaryOp op) { NativeMethods.cb_unary_(handle, (int)op); return Done(); }
    public Tensor neg() => Unary(UnaryOp.Neg);
    public Tensor neg_() => Unary_(UnaryOp.Neg);
    public Tensor abs() => Unary(UnaryOp.Abs);
    public Tensor abs_() => Unary_(UnaryOp.Abs);
    public Tensor exp() => Unary(UnaryOp.Exp);
    public Tensor exp_() => Unary_(UnaryOp.Exp);
    public Tensor log() => Unary(UnaryOp.Log);
    public Tensor log_() => Unary_(UnaryOp.Log);
    public Tensor sqrt() => Unary(UnaryOp.Sqrt);
    public Tensor sqrt_() => Unary_(UnaryOp.Sqrt);
    public Tensor rsqrt() => Unary(UnaryOp.Rsqrt);
    public Tensor sign() => Unary(UnaryOp.Sign);
    public Tensor floor() => Unary(UnaryOp.Floor);
    public Tensor ceil() => Unary(UnaryOp.Ceil);
    public Tensor round() => Unary(UnaryOp.Round);
    public Tensor sin() => Unary(UnaryOp.Sin);
    public Tensor cos() => Unary(UnaryOp.Cos);
    public Tensor reciprocal() => Unary(UnaryOp.Reciprocal);
    public Tensor square() => Unary(UnaryOp.Square);
    public Tensor log1p() => Unary(UnaryOp.Log1p);
    public Tensor expm1() => Unary(UnaryOp.Expm1);
    public Tensor log2() => Unary(UnaryOp.Log2);
    public Tensor trunc() => Unary(UnaryOp.Trunc);
    public Tensor sigmoid() => W(NativeMethods.cb_sigmoid(handle));
    public Tensor tanh() => W(NativeMethods.cb_tanh(handle));
    public Tensor relu() => W(NativeMethods.cb_relu(handle));
    public Tensor relu_() { NativeMethods.cb_relu_(handle); return Done(); }

    public Tensor fill_(double value) { NativeMethods.cb_fill_(handle, value); return Done(); }
    public Tensor zero_() { NativeMethods.cb_zero_(handle); return Done(); }

    // Codes shared with native/src/pointwise.cpp unary().
    private enum UnaryOp
    {
        Neg, Abs, Exp, Log, Sqrt, Rsqrt, Sign, Floor, Ceil, Round, Sin, Cos, Reciprocal, Square, Log1p, Expm1, Log2, Trunc,
    }
}
