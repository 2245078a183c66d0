// Views and shape manipulation, joining and splitting.
#include "common.h"

CB_EXPORT CbTensor cb_view(CbTensor t, const int64_t* shape, int64_t n) { CB_TENSOR(t->view(cb::dims(shape, n))) }
CB_EXPORT CbTensor cb_reshape(CbTensor t, const int64_t* shape, int64_t n) { CB_TENSOR(t->reshape(cb::dims(shape, n))) }
CB_EXPORT CbTensor cb_permute(CbTensor t, const int64_t* dims, int64_t n) { CB_TENSOR(t->permute(cb::dims(dims, n))) }
CB_EXPORT CbTensor cb_transpose(CbTensor t, int64_t d0, int64_t d1) { CB_TENSOR(t->transpose(d0, d1)) }
CB_EXPORT CbTensor cb_flatten(CbTensor t, int64_t start, int64_t end) { CB_TENSOR(t->flatten(start, end)) }
CB_EXPORT CbTensor cb_squeeze(CbTensor t) { CB_TENSOR(t->squeeze()) }
CB_EXPORT CbTensor cb_squeeze_dim(CbTensor t, int64_t d) { CB_TENSOR(t->squeeze(d)) }
CB_EXPORT CbTensor cb_unsqueeze(CbTensor t, int64_t d) { CB_TENSOR(t->unsqueeze(d)) }
CB_EXPORT CbTensor cb_expand(CbTensor t, const int64_t* shape, int64_t n) { CB_TENSOR(t->expand(cb::dims(shape, n))) }
CB_EXPORT CbTensor cb_repeat(CbTensor t, const int64_t* reps, int64_t n) { CB_TENSOR(t->repeat(cb::dims(reps, n))) }
CB_EXPORT CbTensor cb_flip(CbTensor t, const int64_t* dims, int64_t n) { CB_TENSOR(t->flip(cb::dims(dims, n))) }
CB_EXPORT CbTensor cb_narrow(CbTensor t, int64_t dim, int64_t start, int64_t length) { CB_TENSOR(t->narrow(dim, start, length)) }
CB_EXPORT CbTensor cb_slice(CbTensor t, int64_t dim, int64_t start, int64_t end, int64_t step) {
  CB_TENSOR(t->slice(dim, start, end, step))
}
CB_EXPORT CbTensor cb_select(CbTensor t, int64_t dim, int64_t index) { CB_TENSOR(t->select(dim, index)) }

CB_EXPORT CbTensor cb_cat(const CbTensor* ts, int64_t n, int64_t dim) { CB_TENSOR(at::cat(cb::tensors(ts, n, "tensors"), dim)) }
CB_EXPORT CbTensor cb_stack(const CbTensor* ts, int64_t n, int64_t dim) { CB_TENSOR(at::stack(cb::tensors(ts, n, "tensors"), dim)) }
CB_EXPORT CbTensorList cb_split(CbTensor t, int64_t size, int64_t dim) { CB_LIST(t->split(size, dim)) }
CB_EXPORT CbTensorList cb_split_sizes(CbTensor t, const int64_t* sizes, int64_t n, int64_t dim) {
  CB_LIST(t->split_with_sizes(cb::dims(sizes, n), dim))
}
CB_EXPORT CbTensorList cb_chunk(CbTensor t, int64_t chunks, int64_t dim) { CB_LIST(t->chunk(chunks, dim)) }
CB_EXPORT CbTensorList cb_unbind(CbTensor t, int64_t dim) { CB_LIST(t->unbind(dim)) }
CB_EXPORT CbTensor cb_pad(CbTensor t, const int64_t* pad, int64_t n, int32_t mode, double value) {
  CB_TRY(static const char* modes[] = {"constant", "reflect", "replicate", "circular"};
         if (mode < 0 || mode > 3) throw std::invalid_argument("unknown pad mode " + std::to_string(mode));
         return cb::wrap(at::pad(*t, cb::dims(pad, n), modes[mode],
                                 mode == 0 ? c10::optional<double>(value) : c10::nullopt));)
  return nullptr;
}
