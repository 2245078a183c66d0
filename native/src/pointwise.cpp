// Elementwise arithmetic, comparisons and math, with broadcasting and scalar forms.
#include "common.h"

#include <cmath>

// Binary ops: tensor-tensor and tensor-scalar, out of place and in place.
#define CB_BINARY(name, expr_tt, expr_ts, inplace_tt, inplace_ts)                                          \
  CB_EXPORT CbTensor cb_##name(CbTensor a, CbTensor b) { CB_TENSOR(expr_tt) }                            \
  CB_EXPORT CbTensor cb_##name##_scalar(CbTensor a, double s) { CB_TENSOR(expr_ts) }                     \
  CB_EXPORT void cb_##name##_(CbTensor a, CbTensor b) { CB_TRY(inplace_tt;) }                            \
  CB_EXPORT void cb_##name##_scalar_(CbTensor a, double s) { CB_TRY(inplace_ts;) }

namespace {
// ATen refuses a floating alpha for integral tensors, so a whole alpha is passed as an integer there.
at::Scalar alpha_for(const at::Tensor& a, const at::Tensor& b, double alpha) {
  if (!c10::isIntegralType(at::result_type(a, b), /*includeBool=*/true)) return at::Scalar(alpha);
  if (alpha != std::trunc(alpha) || !std::isfinite(alpha))
    throw std::invalid_argument("alpha " + c10::str(alpha) + " is not a whole number, which integer tensors of " +
                                std::string(c10::toString(at::result_type(a, b))) + " require");
  return at::Scalar(static_cast<int64_t>(alpha));
}
}  // namespace

CB_EXPORT CbTensor cb_add(CbTensor a, CbTensor b, double alpha) { CB_TENSOR(at::add(*a, *b, alpha_for(*a, *b, alpha))) }
CB_EXPORT CbTensor cb_add_scalar(CbTensor a, double s) { CB_TENSOR(at::add(*a, s)) }
CB_EXPORT CbTensor cb_add_scalar_long(CbTensor a, int64_t s) { CB_TENSOR(at::add(*a, s)) }
CB_EXPORT void cb_add_(CbTensor a, CbTensor b, double alpha) { CB_TRY(a->add_(*b, alpha_for(*a, *b, alpha));) }
CB_EXPORT void cb_add_scalar_(CbTensor a, double s) { CB_TRY(a->add_(s);) }
// Integer scalars keep integer tensors integral (t.add_(1) on an int64 counter), as Python ints do in PyTorch.
CB_EXPORT void cb_add_scalar_long_(CbTensor a, int64_t s) { CB_TRY(a->add_(s);) }
CB_EXPORT CbTensor cb_sub(CbTensor a, CbTensor b, double alpha) { CB_TENSOR(at::sub(*a, *b, alpha_for(*a, *b, alpha))) }
CB_EXPORT CbTensor cb_sub_scalar(CbTensor a, double s) { CB_TENSOR(at::sub(*a, s)) }
CB_EXPORT CbTensor cb_sub_scalar_long(CbTensor a, int64_t s) { CB_TENSOR(at::sub(*a, s)) }
CB_EXPORT CbTensor cb_rsub_scalar(CbTensor a, double s) { CB_TENSOR(at::rsub(*a, s)) }
CB_EXPORT CbTensor cb_rsub_scalar_long(CbTensor a, int64_t s) { CB_TENSOR(at::rsub(*a, s)) }
CB_EXPORT void cb_sub_(CbTensor a, CbTensor b, double alpha) { CB_TRY(a->sub_(*b, alpha_for(*a, *b, alpha));) }
CB_EXPORT void cb_sub_scalar_(CbTensor a, double s) { CB_TRY(a->sub_(s);) }
CB_EXPORT void cb_sub_scalar_long_(CbTensor a, int64_t s) { CB_TRY(a->sub_(s);) }
CB_BINARY(mul, at::mul(*a, *b), at::mul(*a, s), a->mul_(*b), a->mul_(s))
CB_EXPORT CbTensor cb_mul_scalar_long(CbTensor a, int64_t s) { CB_TENSOR(at::mul(*a, s)) }
CB_EXPORT void cb_mul_scalar_long_(CbTensor a, int64_t s) { CB_TRY(a->mul_(s);) }
CB_BINARY(div, at::div(*a, *b), at::div(*a, s), a->div_(*b), a->div_(s))
CB_EXPORT CbTensor cb_rdiv_scalar(CbTensor a, double s) { CB_TENSOR(at::reciprocal(*a) * s) }
CB_BINARY(pow, at::pow(*a, *b), at::pow(*a, s), a->pow_(*b), a->pow_(s))
CB_BINARY(remainder, at::remainder(*a, *b), at::remainder(*a, s), a->remainder_(*b), a->remainder_(s))
CB_BINARY(maximum, at::maximum(*a, *b), at::clamp_min(*a, s), a->copy_(at::maximum(*a, *b)), a->clamp_min_(s))
CB_BINARY(minimum, at::minimum(*a, *b), at::clamp_max(*a, s), a->copy_(at::minimum(*a, *b)), a->clamp_max_(s))
CB_EXPORT CbTensor cb_floor_divide(CbTensor a, CbTensor b) { CB_TENSOR(at::div(*a, *b, "floor")) }
// A double scalar promotes an integer tensor to float (7 // 2.5 = 2.0); an integer scalar keeps it integral.
CB_EXPORT CbTensor cb_floor_divide_scalar(CbTensor a, double s) { CB_TENSOR(at::div(*a, at::Scalar(s), "floor")) }
CB_EXPORT CbTensor cb_floor_divide_scalar_long(CbTensor a, int64_t s) { CB_TENSOR(at::div(*a, at::Scalar(s), "floor")) }

// a + value * t1 * t2 and a + value * t1 / t2, in place (optimizer updates).
CB_EXPORT void cb_addcmul_(CbTensor a, CbTensor t1, CbTensor t2, double value) { CB_TRY(a->addcmul_(*t1, *t2, value);) }
CB_EXPORT void cb_addcdiv_(CbTensor a, CbTensor t1, CbTensor t2, double value) { CB_TRY(a->addcdiv_(*t1, *t2, value);) }
CB_EXPORT CbTensor cb_lerp(CbTensor a, CbTensor b, double w) { CB_TENSOR(at::lerp(*a, *b, w)) }
CB_EXPORT void cb_lerp_(CbTensor a, CbTensor b, double w) { CB_TRY(a->lerp_(*b, w);) }

// Comparisons: op codes 0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge.
// B is a tensor or a scalar; at::eq & co. have both overloads.
template <typename B>
static at::Tensor compare(const at::Tensor& a, const B& b, int32_t op) {
  switch (op) {
    case 0: return at::eq(a, b);
    case 1: return at::ne(a, b);
    case 2: return at::lt(a, b);
    case 3: return at::le(a, b);
    case 4: return at::gt(a, b);
    case 5: return at::ge(a, b);
  }
  throw std::invalid_argument("unknown comparison code " + std::to_string(op));
}
CB_EXPORT CbTensor cb_compare(CbTensor a, CbTensor b, int32_t op) { CB_TENSOR(compare(*a, *b, op)) }
CB_EXPORT CbTensor cb_compare_scalar(CbTensor a, double s, int32_t op) { CB_TENSOR(compare(*a, at::Scalar(s), op)) }
CB_EXPORT CbTensor cb_logical_and(CbTensor a, CbTensor b) { CB_TENSOR(at::logical_and(*a, *b)) }
CB_EXPORT CbTensor cb_logical_or(CbTensor a, CbTensor b) { CB_TENSOR(at::logical_or(*a, *b)) }
CB_EXPORT CbTensor cb_logical_not(CbTensor a) { CB_TENSOR(at::logical_not(*a)) }
CB_EXPORT CbTensor cb_isnan(CbTensor a) { CB_TENSOR(at::isnan(*a)) }
CB_EXPORT CbTensor cb_isfinite(CbTensor a) { CB_TENSOR(at::isfinite(*a)) }
CB_EXPORT bool cb_allclose(CbTensor a, CbTensor b, double rtol, double atol) {
  CB_TRY(return at::allclose(*a, *b, rtol, atol);) return false;
}
CB_EXPORT bool cb_equal(CbTensor a, CbTensor b) { CB_TRY(return at::equal(*a, *b);) return false; }

CB_EXPORT CbTensor cb_where(CbTensor cond, CbTensor a, CbTensor b) { CB_TENSOR(at::where(*cond, *a, *b)) }
CB_EXPORT CbTensor cb_where_scalar(CbTensor cond, CbTensor a, double b) { CB_TENSOR(at::where(*cond, *a, at::Scalar(b))) }
// has_min/has_max select which bounds apply.
CB_EXPORT CbTensor cb_clamp(CbTensor a, bool has_min, double min, bool has_max, double max) {
  CB_TENSOR(at::clamp(*a, has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                      has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}
CB_EXPORT void cb_clamp_(CbTensor a, bool has_min, double min, bool has_max, double max) {
  CB_TRY(a->clamp_(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                   has_max ? c10::optional<at::Scalar>(max) : c10::nullopt);)
}

// Unary math: one code table keeps the ABI small. Codes are mirrored in C# (UnaryOp).
static at::Tensor unary(const at::Tensor& a, int32_t op) {
  switch (op) {
    case 0: return at::neg(a);
    case 1: return at::abs(a);
    case 2: return at::exp(a);
    case 3: return at::log(a);
    case 4: return at::sqrt(a);
    case 5: return at::rsqrt(a);
    case 6: return at::sign(a);
    case 7: return at::floor(a);
    case 8: return at::ceil(a);
    case 9: return at::round(a);
    case 10: return at::sin(a);
    case 11: return at::cos(a);
    case 12: return at::reciprocal(a);
    case 13: return at::square(a);
    case 14: return at::log1p(a);
    case 15: return at::expm1(a);
    case 16: return at::log2(a);
    case 17: return at::trunc(a);
  }
  throw std::invalid_argument("unknown unary op code " + std::to_string(op));
}
static void unary_(at::Tensor& a, int32_t op) {
  switch (op) {
    case 0: a.neg_(); return;
    case 1: a.abs_(); return;
    case 2: a.exp_(); return;
    case 3: a.log_(); return;
    case 4: a.sqrt_(); return;
    case 5: a.rsqrt_(); return;
    case 6: a.sign_(); return;
    case 7: a.floor_(); return;
    case 8: a.ceil_(); return;
    case 9: a.round_(); return;
    case 10: a.sin_(); return;
    case 11: a.cos_(); return;
    case 12: a.reciprocal_(); return;
    case 13: a.square_(); return;
    case 14: a.log1p_(); return;
    case 15: a.expm1_(); return;
    case 16: a.log2_(); return;
    case 17: a.trunc_(); return;
  }
  throw std::invalid_argument("unknown unary op code " + std::to_string(op));
}
CB_EXPORT CbTensor cb_unary(CbTensor a, int32_t op) { CB_TENSOR(unary(*a, op)) }
CB_EXPORT void cb_unary_(CbTensor a, int32_t op) { CB_TRY(unary_(*a, op);) }

CB_EXPORT void cb_fill_(CbTensor a, double value) { CB_TRY(a->fill_(value);) }
CB_EXPORT void cb_zero_(CbTensor a) { CB_TRY(a->zero_();) }
