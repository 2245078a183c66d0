// Tensor lifetime, construction from and copy to host memory, and metadata.
#include "common.h"

#include <cstring>

CB_EXPORT void cb_tensor_free(CbTensor t) { delete t; }

CB_EXPORT int64_t cb_tensor_list_size(CbTensorList l) { return l ? static_cast<int64_t>(l->size()) : 0; }
// Moves element i out of the list into a new handle.
CB_EXPORT CbTensor cb_tensor_list_take(CbTensorList l, int64_t i) {
  CB_TRY(if (!l || i < 0 || i >= static_cast<int64_t>(l->size())) throw std::out_of_range(
             "tensor list index " + std::to_string(i) + " out of range");
         return cb::wrap(std::move((*l)[static_cast<size_t>(i)]));)
  return nullptr;
}
CB_EXPORT void cb_tensor_list_free(CbTensorList l) { delete l; }

// Copies `nbytes` of host memory into a new contiguous CPU tensor of the given shape and dtype.
CB_EXPORT CbTensor cb_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int64_t ndim,
                                       int32_t dtype) {
  CB_TRY(
      auto t = at::empty(cb::dims(shape, ndim), at::TensorOptions().dtype(cb::dtype(dtype)));
      if (nbytes > 0 && !data) throw std::invalid_argument("tensor data is a null pointer");
      if (static_cast<int64_t>(t.nbytes()) != nbytes) {
        throw std::invalid_argument("tensor data has " + std::to_string(nbytes) + " bytes but shape " +
                                    c10::str(t.sizes()) + " of " + std::string(c10::toString(t.scalar_type())) +
                                    " needs " + std::to_string(t.nbytes()));
      }
      if (nbytes > 0) std::memcpy(t.data_ptr(), data, static_cast<size_t>(nbytes));
      return cb::wrap(t);)
  return nullptr;
}

// Copies the tensor's elements (row-major, after moving to CPU) into `dst`, which holds `nbytes`.
CB_EXPORT void cb_tensor_copy_to(CbTensor t, void* dst, int64_t nbytes) {
  CB_TRY(
      auto c = t->detach().to(at::kCPU).contiguous();
      if (static_cast<int64_t>(c.nbytes()) != nbytes) {
        throw std::invalid_argument("destination has " + std::to_string(nbytes) + " bytes but the tensor has " +
                                    std::to_string(c.nbytes()));
      }
      if (nbytes > 0 && !dst) throw std::invalid_argument("destination is a null pointer");
      if (nbytes > 0) std::memcpy(dst, c.data_ptr(), static_cast<size_t>(nbytes));)
}

CB_EXPORT int64_t cb_tensor_dim(CbTensor t) { CB_TRY(return t->dim();) return -1; }
namespace {
// Copies sizes or strides into the caller's array of `capacity` values, which must match the tensor's dim.
void copy_dims(at::IntArrayRef s, int64_t* out, int64_t capacity) {
  if (static_cast<int64_t>(s.size()) != capacity || (capacity > 0 && !out))
    throw std::invalid_argument("the tensor has " + std::to_string(s.size()) + " dims but the array holds " +
                                std::to_string(capacity));
  std::copy(s.begin(), s.end(), out);
}
}  // namespace
CB_EXPORT void cb_tensor_shape(CbTensor t, int64_t* out, int64_t capacity) { CB_TRY(copy_dims(t->sizes(), out, capacity);) }
CB_EXPORT void cb_tensor_strides(CbTensor t, int64_t* out, int64_t capacity) { CB_TRY(copy_dims(t->strides(), out, capacity);) }
CB_EXPORT int64_t cb_tensor_numel(CbTensor t) { CB_TRY(return t->numel();) return -1; }
CB_EXPORT int64_t cb_tensor_element_size(CbTensor t) { CB_TRY(return t->element_size();) return -1; }
CB_EXPORT int32_t cb_tensor_dtype(CbTensor t) { CB_TRY(return static_cast<int32_t>(t->scalar_type());) return -1; }
CB_EXPORT int32_t cb_tensor_device_type(CbTensor t) { CB_TRY(return static_cast<int32_t>(t->device().type());) return -1; }
CB_EXPORT int32_t cb_tensor_device_index(CbTensor t) { CB_TRY(return t->device().index();) return -1; }
CB_EXPORT bool cb_tensor_is_contiguous(CbTensor t) { CB_TRY(return t->is_contiguous();) return false; }
CB_EXPORT bool cb_tensor_is_channels_last(CbTensor t) {
  CB_TRY(return t->dim() == 4 && t->is_contiguous(at::MemoryFormat::ChannelsLast);)
  return false;
}
CB_EXPORT bool cb_tensor_defined(CbTensor t) { return t && t->defined(); }

CB_EXPORT double cb_tensor_item_double(CbTensor t) { CB_TRY(return t->item<double>();) return 0; }
CB_EXPORT int64_t cb_tensor_item_long(CbTensor t) { CB_TRY(return t->item<int64_t>();) return 0; }

CB_EXPORT CbTensor cb_tensor_to(CbTensor t, int32_t dtype, int32_t device_type, int32_t device_index, bool non_blocking,
                                bool copy) {
  CB_TENSOR(t->to(cb::device(device_type, device_index), cb::dtype(dtype), non_blocking, copy))
}
// memory_format: 0 contiguous, 1 channels_last, 2 preserve.
CB_EXPORT CbTensor cb_tensor_contiguous(CbTensor t, int32_t memory_format) {
  CB_TENSOR(t->contiguous(memory_format == 1 ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous))
}
CB_EXPORT CbTensor cb_tensor_to_memory_format(CbTensor t, int32_t memory_format) {
  CB_TENSOR(t->to(t->options(), false, false,
                  memory_format == 1 ? at::MemoryFormat::ChannelsLast
                  : memory_format == 2 ? at::MemoryFormat::Preserve : at::MemoryFormat::Contiguous))
}
CB_EXPORT CbTensor cb_tensor_clone(CbTensor t) { CB_TENSOR(t->clone()) }
CB_EXPORT CbTensor cb_tensor_detach(CbTensor t) { CB_TENSOR(t->detach()) }
// A second handle to the same tensor (same storage and autograd identity).
CB_EXPORT CbTensor cb_tensor_alias(CbTensor t) { CB_TENSOR(*t) }

// In-place copy of src into dst (broadcasting, dtype/device conversion), as Tensor.copy_.
CB_EXPORT void cb_tensor_copy_(CbTensor dst, CbTensor src, bool non_blocking) { CB_TRY(dst->copy_(*src, non_blocking);) }

// ---- construction ----
CB_EXPORT CbTensor cb_empty(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t dt, int32_t di, bool rg) {
  CB_TENSOR(cb::leaf(at::empty(cb::dims(shape, ndim), cb::options(dtype, dt, di)), rg))
}
CB_EXPORT CbTensor cb_zeros(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t dt, int32_t di, bool rg) {
  CB_TENSOR(cb::leaf(at::zeros(cb::dims(shape, ndim), cb::options(dtype, dt, di)), rg))
}
CB_EXPORT CbTensor cb_ones(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t dt, int32_t di, bool rg) {
  CB_TENSOR(cb::leaf(at::ones(cb::dims(shape, ndim), cb::options(dtype, dt, di)), rg))
}
CB_EXPORT CbTensor cb_full(const int64_t* shape, int64_t ndim, double value, int32_t dtype, int32_t dt, int32_t di,
                           bool rg) {
  CB_TENSOR(cb::leaf(at::full(cb::dims(shape, ndim), value, cb::options(dtype, dt, di)), rg))
}
CB_EXPORT CbTensor cb_arange(double start, double end, double step, int32_t dtype, int32_t dt, int32_t di) {
  CB_TENSOR(at::arange(start, end, step, cb::options(dtype, dt, di)))
}
CB_EXPORT CbTensor cb_linspace(double start, double end, int64_t steps, int32_t dtype, int32_t dt, int32_t di) {
  CB_TENSOR(at::linspace(start, end, steps, cb::options(dtype, dt, di)))
}
CB_EXPORT CbTensor cb_eye(int64_t n, int64_t m, int32_t dtype, int32_t dt, int32_t di) {
  CB_TENSOR(at::eye(n, m, cb::options(dtype, dt, di)))
}
CB_EXPORT CbTensor cb_zeros_like(CbTensor t) { CB_TENSOR(at::zeros_like(*t)) }
CB_EXPORT CbTensor cb_ones_like(CbTensor t) { CB_TENSOR(at::ones_like(*t)) }
CB_EXPORT CbTensor cb_empty_like(CbTensor t) { CB_TENSOR(at::empty_like(*t)) }
CB_EXPORT CbTensor cb_full_like(CbTensor t, double value) { CB_TENSOR(at::full_like(*t, value)) }

// ---- autograd ----
CB_EXPORT bool cb_tensor_requires_grad(CbTensor t) { CB_TRY(return t->requires_grad();) return false; }
CB_EXPORT void cb_tensor_set_requires_grad(CbTensor t, bool value) { CB_TRY(t->requires_grad_(value);) }
CB_EXPORT bool cb_tensor_is_leaf(CbTensor t) { CB_TRY(return t->is_leaf();) return false; }
// Returns nullptr without an error when the tensor has no gradient.
CB_EXPORT CbTensor cb_tensor_grad(CbTensor t) {
  CB_TRY(const auto& g = t->grad(); return g.defined() ? cb::wrap(g) : nullptr;)
  return nullptr;
}
CB_EXPORT void cb_tensor_set_grad(CbTensor t, CbTensor grad) {
  CB_TRY(t->mutable_grad() = grad ? *grad : at::Tensor();)
}
CB_EXPORT void cb_tensor_backward(CbTensor t, CbTensor gradient, bool retain_graph, bool create_graph) {
  CB_TRY(t->backward(gradient ? *gradient : at::Tensor(), retain_graph, create_graph);)
}
CB_EXPORT void cb_tensor_retain_grad(CbTensor t) { CB_TRY(t->retain_grad();) }

// Rebinds `t` to `data`'s storage (PyTorch's `param.data = data`), keeping t's identity; used by Module.to and
// load_state_dict so parameter objects held by optimizers stay valid.
CB_EXPORT void cb_tensor_set_data(CbTensor t, CbTensor data) { CB_TRY(t->set_data(*data);) }
