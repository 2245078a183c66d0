// Reductions, sorting and selection.
#include "common.h"

// Reductions over all elements (dims == nullptr) or over the given dims.
CB_EXPORT CbTensor cb_sum(CbTensor t, const int64_t* dims, int64_t n, bool keepdim) {
  CB_TENSOR(dims ? t->sum(cb::dims(dims, n), keepdim) : t->sum())
}
CB_EXPORT CbTensor cb_mean(CbTensor t, const int64_t* dims, int64_t n, bool keepdim) {
  CB_TENSOR(dims ? t->mean(cb::dims(dims, n), keepdim) : t->mean())
}
CB_EXPORT CbTensor cb_var(CbTensor t, const int64_t* dims, int64_t n, bool unbiased, bool keepdim) {
  CB_TENSOR(dims ? t->var(cb::dims(dims, n), unbiased, keepdim) : t->var(unbiased))
}
CB_EXPORT CbTensor cb_std(CbTensor t, const int64_t* dims, int64_t n, bool unbiased, bool keepdim) {
  CB_TENSOR(dims ? t->std(cb::dims(dims, n), unbiased, keepdim) : t->std(unbiased))
}
CB_EXPORT CbTensor cb_prod(CbTensor t) { CB_TENSOR(t->prod()) }
CB_EXPORT CbTensor cb_max_all(CbTensor t) { CB_TENSOR(t->max()) }
CB_EXPORT CbTensor cb_min_all(CbTensor t) { CB_TENSOR(t->min()) }
CB_EXPORT CbTensorList cb_max_dim(CbTensor t, int64_t dim, bool keepdim) {
  CB_TRY(auto r = t->max(dim, keepdim); return new std::vector<at::Tensor>{std::get<0>(r), std::get<1>(r)};)
  return nullptr;
}
CB_EXPORT CbTensorList cb_min_dim(CbTensor t, int64_t dim, bool keepdim) {
  CB_TRY(auto r = t->min(dim, keepdim); return new std::vector<at::Tensor>{std::get<0>(r), std::get<1>(r)};)
  return nullptr;
}
// has_dim == false: over the flattened tensor.
CB_EXPORT CbTensor cb_argmax(CbTensor t, bool has_dim, int64_t dim, bool keepdim) {
  CB_TENSOR(t->argmax(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim))
}
CB_EXPORT CbTensor cb_argmin(CbTensor t, bool has_dim, int64_t dim, bool keepdim) {
  CB_TENSOR(t->argmin(has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim))
}
CB_EXPORT CbTensor cb_norm(CbTensor t, double p, const int64_t* dims, int64_t n, bool keepdim) {
  CB_TENSOR(dims ? at::norm(*t, at::Scalar(p), cb::dims(dims, n), keepdim) : at::norm(*t, at::Scalar(p)))
}
CB_EXPORT CbTensor cb_cumsum(CbTensor t, int64_t dim) { CB_TENSOR(t->cumsum(dim)) }
CB_EXPORT CbTensor cb_logsumexp(CbTensor t, const int64_t* dims, int64_t n, bool keepdim) {
  CB_TENSOR(at::logsumexp(*t, cb::dims(dims, n), keepdim))
}
CB_EXPORT CbTensor cb_all(CbTensor t) { CB_TENSOR(t->all()) }
CB_EXPORT CbTensor cb_any(CbTensor t) { CB_TENSOR(t->any()) }
CB_EXPORT CbTensorList cb_topk(CbTensor t, int64_t k, int64_t dim, bool largest, bool sorted) {
  CB_TRY(auto r = t->topk(k, dim, largest, sorted); return new std::vector<at::Tensor>{std::get<0>(r), std::get<1>(r)};)
  return nullptr;
}
CB_EXPORT CbTensorList cb_sort(CbTensor t, int64_t dim, bool descending, bool stable) {
  CB_TRY(auto r = t->sort(stable, dim, descending); return new std::vector<at::Tensor>{std::get<0>(r), std::get<1>(r)};)
  return nullptr;
}
CB_EXPORT CbTensor cb_argsort(CbTensor t, int64_t dim, bool descending, bool stable) {
  CB_TRY(return cb::wrap(std::get<1>(t->sort(stable, dim, descending)));)
  return nullptr;
}
// Returns [values, inverse, counts]; values sorted.
CB_EXPORT CbTensorList cb_unique(CbTensor t) {
  CB_TRY(auto r = at::_unique2(*t, true, true, true);
         return new std::vector<at::Tensor>{std::get<0>(r), std::get<1>(r), std::get<2>(r)};)
  return nullptr;
}
CB_EXPORT CbTensor cb_bincount(CbTensor t, CbTensor weights, int64_t minlength) {
  CB_TENSOR(at::bincount(*t, cb::optional(weights), minlength))
}
