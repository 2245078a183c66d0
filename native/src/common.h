// Shared by every translation unit of the shim: the C ABI conventions and the error slot.
//
// Conventions
// - A tensor handle is an owning `at::Tensor*` (CbTensor). The C# side frees it with cb_tensor_free.
// - A function that returns a handle returns nullptr on failure; every other function reports failure
//   only through the thread-local error slot, which the C# side reads with cb_last_error after each call.
// - Every export body is wrapped in CB_TRY, which catches everything (c10::Error, std::exception and
//   `...`), so no C++ exception ever crosses the ABI and nothing aborts the process. The catch handlers only
//   call noexcept functions that copy into a fixed buffer, so reporting an error cannot itself throw.
// - Array arguments come with their length, checked here as well as on the C# side.
#pragma once

#include <ATen/ATen.h>
#include <cstdint>
#include <string>
#include <vector>

#define CB_EXPORT extern "C" __attribute__((visibility("default")))

typedef at::Tensor* CbTensor;
// A list of tensors returned by ops such as split or topk; freed with cb_tensor_list_free.
typedef std::vector<at::Tensor>* CbTensorList;

namespace cb {
// Error kinds, mirrored in C# (NativeMethods.Check): what exception the managed side raises.
enum ErrorKind : int32_t { kNoError = 0, kError = 1, kOutOfMemory = 2 };

void set_error(ErrorKind kind, const char* message) noexcept;
void clear_error() noexcept;

inline CbTensor wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

// A required tensor argument.
inline at::Tensor& arg(CbTensor t, const char* name) {
  if (!t) throw std::invalid_argument(std::string(name) + " is a null tensor handle");
  return *t;
}

// An array of `count` values; `values` may only be null when count is 0.
inline at::IntArrayRef dims(const int64_t* values, int64_t count) {
  if (count < 0 || (count > 0 && !values))
    throw std::invalid_argument("invalid array argument (" + std::to_string(count) + " values at " +
                                (values ? "a pointer" : "null") + ")");
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

// An array that must hold exactly `expected` values (kernel sizes, strides...).
inline at::IntArrayRef dims(const int64_t* values, int64_t count, int64_t expected, const char* name) {
  if (count != expected)
    throw std::invalid_argument(std::string(name) + " has " + std::to_string(count) + " values, expected " +
                                std::to_string(expected));
  return dims(values, count);
}

// `count` required tensor handles.
inline std::vector<at::Tensor> tensors(const CbTensor* handles, int64_t count, const char* name) {
  if (count < 0 || (count > 0 && !handles))
    throw std::invalid_argument(std::string(name) + ": invalid tensor array of " + std::to_string(count));
  std::vector<at::Tensor> out;
  out.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    if (!handles[i]) throw std::invalid_argument(std::string(name) + "[" + std::to_string(i) + "] is a null tensor handle");
    out.push_back(*handles[i]);
  }
  return out;
}

// An optional tensor argument: nullptr means "none".
inline c10::optional<at::Tensor> optional(CbTensor t) {
  return t ? c10::optional<at::Tensor>(*t) : c10::nullopt;
}

// `count` optional tensors (advanced indexing: null is a full slice).
inline c10::List<c10::optional<at::Tensor>> optionals(const CbTensor* handles, int64_t count, const char* name) {
  if (count < 0 || (count > 0 && !handles))
    throw std::invalid_argument(std::string(name) + ": invalid tensor array of " + std::to_string(count));
  c10::List<c10::optional<at::Tensor>> list;
  for (int64_t i = 0; i < count; ++i) list.push_back(optional(handles[i]));
  return list;
}

inline at::Device device(int32_t type, int32_t index) {
  return at::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

inline at::ScalarType dtype(int32_t code) { return static_cast<at::ScalarType>(code); }

inline at::TensorOptions options(int32_t dtype_code, int32_t device_type, int32_t device_index) {
  return at::TensorOptions().dtype(dtype(dtype_code)).device(device(device_type, device_index));
}

// ATen factories ignore TensorOptions::requires_grad (only torch:: factories honour it), so a new leaf is marked here.
inline at::Tensor leaf(at::Tensor t, bool requires_grad) {
  if (requires_grad) t.requires_grad_(true);
  return t;
}
}  // namespace cb

// c10::OutOfMemoryError (CUDA caching allocator) derives from c10::Error, so it is caught first.
#define CB_TRY(...)                                                           \
  try {                                                                       \
    cb::clear_error();                                                        \
    __VA_ARGS__                                                               \
  } catch (const c10::OutOfMemoryError& e) {                                  \
    cb::set_error(cb::kOutOfMemory, e.what_without_backtrace());              \
  } catch (const c10::Error& e) {                                             \
    cb::set_error(cb::kError, e.what_without_backtrace());                    \
  } catch (const std::bad_alloc& e) {                                         \
    cb::set_error(cb::kOutOfMemory, e.what());                                \
  } catch (const std::exception& e) {                                         \
    cb::set_error(cb::kError, e.what());                                      \
  } catch (...) {                                                             \
    cb::set_error(cb::kError, "unknown native exception");                    \
  }

// Body of an export that returns a new tensor: CB_TENSOR(at::add(*a, *b)).
#define CB_TENSOR(...)                 \
  CB_TRY(return cb::wrap(__VA_ARGS__);) \
  return nullptr;

// Body of an export that returns a list of tensors.
#define CB_LIST(...)                                                  \
  CB_TRY(return new std::vector<at::Tensor>(__VA_ARGS__);)            \
  return nullptr;
