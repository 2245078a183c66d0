// Indexing: select by index tensors or masks, gather/scatter, index_put.
#include "common.h"

CB_EXPORT CbTensor cb_index_select(CbTensor t, int64_t dim, CbTensor index) { CB_TENSOR(t->index_select(dim, *index)) }
CB_EXPORT CbTensor cb_masked_select(CbTensor t, CbTensor mask) { CB_TENSOR(t->masked_select(*mask)) }
CB_EXPORT CbTensor cb_masked_fill(CbTensor t, CbTensor mask, double value) { CB_TENSOR(t->masked_fill(*mask, value)) }
CB_EXPORT void cb_masked_fill_(CbTensor t, CbTensor mask, double value) { CB_TRY(t->masked_fill_(*mask, value);) }
CB_EXPORT CbTensor cb_gather(CbTensor t, int64_t dim, CbTensor index) { CB_TENSOR(t->gather(dim, *index)) }
CB_EXPORT CbTensor cb_scatter(CbTensor t, int64_t dim, CbTensor index, CbTensor src) { CB_TENSOR(t->scatter(dim, *index, *src)) }
CB_EXPORT CbTensor cb_scatter_value(CbTensor t, int64_t dim, CbTensor index, double value) {
  CB_TENSOR(t->scatter(dim, *index, value))
}
CB_EXPORT void cb_scatter_add_(CbTensor t, int64_t dim, CbTensor index, CbTensor src) { CB_TRY(t->scatter_add_(dim, *index, *src);) }
CB_EXPORT void cb_index_add_(CbTensor t, int64_t dim, CbTensor index, CbTensor src) { CB_TRY(t->index_add_(dim, *index, *src);) }
// Only full slices (t[:, :]): ATen's index kernels assert on that, and Python treats it as basic slicing.
static bool any_index(const c10::List<c10::optional<at::Tensor>>& list) {
  for (const c10::optional<at::Tensor>& i : list)
    if (i.has_value() && i->defined()) return true;
  return false;
}

// t[indices...] with a tuple of index tensors (long indices or a boolean mask), as Python's advanced indexing.
CB_EXPORT CbTensor cb_index(CbTensor t, const CbTensor* indices, int64_t n) {
  CB_TRY(auto list = cb::optionals(indices, n, "indices");
         if (!any_index(list)) return cb::wrap(t->alias());
         return cb::wrap(at::index(*t, list));)
  return nullptr;
}
// t[indices...] = values (accumulate adds instead), in place.
CB_EXPORT void cb_index_put_(CbTensor t, const CbTensor* indices, int64_t n, CbTensor values, bool accumulate) {
  CB_TRY(auto list = cb::optionals(indices, n, "indices"); const auto& v = cb::arg(values, "values");
         if (!any_index(list)) {
           if (accumulate) t->add_(v); else t->copy_(v);
         } else {
           t->index_put_(list, v, accumulate);
         })
}
CB_EXPORT CbTensor cb_nonzero(CbTensor t) { CB_TENSOR(t->nonzero()) }
CB_EXPORT CbTensor cb_one_hot(CbTensor t, int64_t num_classes) { CB_TENSOR(at::one_hot(*t, num_classes)) }
