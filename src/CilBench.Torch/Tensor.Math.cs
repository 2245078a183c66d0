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

    public Tensor add(Tensor other, double alpha = 1) => W(NativeMethods.cb_add(Self, Arg(other), alpha));
    public Tensor add(double s) => W(NativeMethods.cb_add_scalar(Self, s));
    // Integer scalars keep an integer tensor's dtype, as Python ints do; double scalars promote it to float.
    public Tensor add(long s) => W(NativeMethods.cb_add_scalar_long(Self, s));
    public Tensor add_(Tensor other, double alpha = 1) { NativeMethods.cb_add_(Self, Arg(other), alpha); return Done(); }
    public Tensor add_(double s) { NativeMethods.cb_add_scalar_(Self, s); return Done(); }
    public Tensor add_(long s) { NativeMethods.cb_add_scalar_long_(Self, s); return Done(); }
    public Tensor sub(Tensor other, double alpha = 1) => W(NativeMethods.cb_sub(Self, Arg(other), alpha));
    public Tensor sub(double s) => W(NativeMethods.cb_sub_scalar(Self, s));
    public Tensor sub(long s) => W(NativeMethods.cb_sub_scalar_long(Self, s));
    public Tensor sub_(Tensor other, double alpha = 1) { NativeMethods.cb_sub_(Self, Arg(other), alpha); return Done(); }
    public Tensor sub_(double s) { NativeMethods.cb_sub_scalar_(Self, s); return Done(); }
    public Tensor sub_(long s) { NativeMethods.cb_sub_scalar_long_(Self, s); return Done(); }
    public Tensor mul(Tensor other) => W(NativeMethods.cb_mul(Self, Arg(other)));
    public Tensor mul(double s) => W(NativeMethods.cb_mul_scalar(Self, s));
    public Tensor mul(long s) => W(NativeMethods.cb_mul_scalar_long(Self, s));
    public Tensor mul_(Tensor other) { NativeMethods.cb_mul_(Self, Arg(other)); return Done(); }
    public Tensor mul_(double s) { NativeMethods.cb_mul_scalar_(Self, s); return Done(); }
    public Tensor mul_(long s) { NativeMethods.cb_mul_scalar_long_(Self, s); return Done(); }
    public Tensor div(Tensor other) => W(NativeMethods.cb_div(Self, Arg(other)));
    public Tensor div(double s) => W(NativeMethods.cb_div_scalar(Self, s));
    public Tensor div_(Tensor other) { NativeMethods.cb_div_(Self, Arg(other)); return Done(); }
    public Tensor div_(double s) { NativeMethods.cb_div_scalar_(Self, s); return Done(); }
    public Tensor pow(Tensor exponent) => W(NativeMethods.cb_pow(Self, Arg(exponent)));
    public Tensor pow(double exponent) => W(NativeMethods.cb_pow_scalar(Self, exponent));
    public Tensor pow_(double exponent) { NativeMethods.cb_pow_scalar_(Self, exponent); return Done(); }
    public Tensor remainder(Tensor other) => W(NativeMethods.cb_remainder(Self, Arg(other)));
    public Tensor remainder(double s) => W(NativeMethods.cb_remainder_scalar(Self, s));
    public Tensor floor_divide(Tensor other) => W(NativeMethods.cb_floor_divide(Self, Arg(other)));
    public Tensor floor_divide(double s) => W(NativeMethods.cb_floor_divide_scalar(Self, s));
    public Tensor floor_divide(long s) => W(NativeMethods.cb_floor_divide_scalar_long(Self, s));
    public Tensor maximum(Tensor other) => W(NativeMethods.cb_maximum(Self, Arg(other)));
    public Tensor minimum(Tensor other) => W(NativeMethods.cb_minimum(Self, Arg(other)));
    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) { NativeMethods.cb_addcmul_(Self, Arg(t1), Arg(t2), value); return Done(); }
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) { NativeMethods.cb_addcdiv_(Self, Arg(t1), Arg(t2), value); return Done(); }
    public Tensor lerp(Tensor end, double weight) => W(NativeMethods.cb_lerp(Self, Arg(end), weight));
    public Tensor lerp_(Tensor end, double weight) { NativeMethods.cb_lerp_(Self, Arg(end), weight); return Done(); }

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double s) => a.add(s);
    public static Tensor operator +(Tensor a, long s) => a.add(s);
    public static Tensor operator +(double s, Tensor a) => a.add(s);
    public static Tensor operator +(long s, Tensor a) => a.add(s);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double s) => a.sub(s);
    public static Tensor operator -(Tensor a, long s) => a.sub(s);
    public static Tensor operator -(double s, Tensor a) => W(NativeMethods.cb_rsub_scalar(Arg(a), s));
    public static Tensor operator -(long s, Tensor a) => W(NativeMethods.cb_rsub_scalar_long(Arg(a), s));
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double s) => a.mul(s);
    public static Tensor operator *(Tensor a, long s) => a.mul(s);
    public static Tensor operator *(double s, Tensor a) => a.mul(s);
    public static Tensor operator *(long s, Tensor a) => a.mul(s);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double s) => a.div(s);
    public static Tensor operator /(double s, Tensor a) => W(NativeMethods.cb_rdiv_scalar(Arg(a), s));
    public static Tensor operator %(Tensor a, Tensor b) => a.remainder(b);
    public static Tensor operator %(Tensor a, double s) => a.remainder(s);

    // Comparisons return bool tensors (codes as in native compare()).
    public Tensor eq(Tensor o) => W(NativeMethods.cb_compare(Self, Arg(o), 0));
    public Tensor eq(double s) => W(NativeMethods.cb_compare_scalar(Self, s, 0));
    public Tensor ne(Tensor o) => W(NativeMethods.cb_compare(Self, Arg(o), 1));
    public Tensor ne(double s) => W(NativeMethods.cb_compare_scalar(Self, s, 1));
    public Tensor lt(Tensor o) => W(NativeMethods.cb_compare(Self, Arg(o), 2));
    public Tensor lt(double s) => W(NativeMethods.cb_compare_scalar(Self, s, 2));
    public Tensor le(Tensor o) => W(NativeMethods.cb_compare(Self, Arg(o), 3));
    public Tensor le(double s) => W(NativeMethods.cb_compare_scalar(Self, s, 3));
    public Tensor gt(Tensor o) => W(NativeMethods.cb_compare(Self, Arg(o), 4));
    public Tensor gt(double s) => W(NativeMethods.cb_compare_scalar(Self, s, 4));
    public Tensor ge(Tensor o) => W(NativeMethods.cb_compare(Self, Arg(o), 5));
    public Tensor ge(double s) => W(NativeMethods.cb_compare_scalar(Self, s, 5));
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
    public Tensor logical_and(Tensor o) => W(NativeMethods.cb_logical_and(Self, Arg(o)));
    public Tensor logical_or(Tensor o) => W(NativeMethods.cb_logical_or(Self, Arg(o)));
    public Tensor logical_not() => W(NativeMethods.cb_logical_not(Self));
    public Tensor isnan() => W(NativeMethods.cb_isnan(Self));
    public Tensor isfinite() => W(NativeMethods.cb_isfinite(Self));
    public bool allclose(Tensor o, double rtol = 1e-5, double atol = 1e-8) => Checked(NativeMethods.cb_allclose(Self, Arg(o), rtol, atol));
    /// <summary>True when shapes and every element are equal (torch.equal).</summary>
    public bool equal(Tensor o) => Checked(NativeMethods.cb_equal(Self, Arg(o)));

    public Tensor clamp(double? min = null, double? max = null) =>
        W(NativeMethods.cb_clamp(Self, min.HasValue, min ?? 0, max.HasValue, max ?? 0));
    public Tensor clamp_(double? min = null, double? max = null)
    {
        NativeMethods.cb_clamp_(Self, min.HasValue, min ?? 0, max.HasValue, max ?? 0);
        return Done();
    }
    public Tensor clamp_min(double min) => clamp(min, null);
    public Tensor clamp_max(double max) => clamp(null, max);

    private Tensor Unary(UnaryOp op) => W(NativeMethods.cb_unary(Self, (int)op));
    private Tensor Unary_(UnaryOp op) { NativeMethods.cb_unary_(Self, (int)op); return Done(); }
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
    public Tensor sigmoid() => W(NativeMethods.cb_sigmoid(Self));
    public Tensor tanh() => W(NativeMethods.cb_tanh(Self));
    public Tensor relu() => W(NativeMethods.cb_relu(Self));
    public Tensor relu_() { NativeMethods.cb_relu_(Self); return Done(); }

    public Tensor fill_(double value) { NativeMethods.cb_fill_(Self, value); return Done(); }
    public Tensor zero_() { NativeMethods.cb_zero_(Self); return Done(); }

    // Codes shared with native/src/pointwise.cpp unary().
    private enum UnaryOp
    {
        Neg, Abs, Exp, Log, Sqrt, Rsqrt, Sign, Floor, Ceil, Round, Sin, Cos, Reciprocal, Square, Log1p, Expm1, Log2, Trunc,
    }
}
