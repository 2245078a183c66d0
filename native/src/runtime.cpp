// Process-wide runtime facts and settings: version, threads, grad mode, seeds, CUDA.
#include "common.h"

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <ATen/core/grad_mode.h>
#include <ATen/Context.h>
#include <c10/core/InferenceMode.h>

#ifndef TORCH_VERSION_MAJOR
#include <torch/csrc/api/include/torch/version.h>
#endif

CB_EXPORT const char* cb_libtorch_version() {
  static std::string v = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
                         std::to_string(TORCH_VERSION_PATCH);
  return v.c_str();
}

CB_EXPORT void cb_set_num_threads(int32_t n) { CB_TRY(at::set_num_threads(n);) }
CB_EXPORT int32_t cb_get_num_threads() { CB_TRY(return at::get_num_threads();) return -1; }

CB_EXPORT bool cb_is_grad_enabled() { return at::GradMode::is_enabled(); }
CB_EXPORT void cb_set_grad_enabled(bool enabled) { CB_TRY(at::GradMode::set_enabled(enabled);) }

CB_EXPORT void cb_manual_seed(uint64_t seed) { CB_TRY(at::manual_seed(seed);) }

// CUDA queries go through at::globalContext()/detail hooks, so the shim links against a CPU-only
// libtorch too; on such a build they report "not available".
CB_EXPORT bool cb_cuda_is_available() {
  CB_TRY(return at::hasCUDA();)
  return false;
}
CB_EXPORT int32_t cb_cuda_device_count() {
  CB_TRY(return at::hasCUDA() ? static_cast<int32_t>(at::detail::getCUDAHooks().getNumGPUs()) : 0;)
  return 0;
}
CB_EXPORT bool cb_mkldnn_is_available() { return at::hasMKLDNN(); }
// A function-local static is initialised once, thread-safely (C++11); a failed initialisation is retried.
CB_EXPORT const char* cb_build_config() {
  CB_TRY(static const std::string config = at::show_config(); return config.c_str();)
  return nullptr;
}

// Inference mode (torch.inference_mode): no autograd bookkeeping at all, faster than no_grad. The guard is a RAII
// object, so the C# scope owns it and must free it on the same thread, innermost first.
CB_EXPORT void* cb_inference_mode_enter(bool enabled) {
  CB_TRY(return new c10::InferenceMode(enabled);)
  return nullptr;
}
CB_EXPORT void cb_inference_mode_exit(void* guard) { delete static_cast<c10::InferenceMode*>(guard); }
CB_EXPORT bool cb_is_inference_mode_enabled() { return c10::InferenceMode::is_enabled(); }
CB_EXPORT bool cb_tensor_is_inference(CbTensor t) { CB_TRY(return t->is_inference();) return false; }

// Reproducibility and speed switches of at::globalContext(), as torch.backends.cudnn.* and
// torch.backends.cuda.matmul.allow_tf32. Codes: 0 cudnn.deterministic, 1 cudnn.benchmark, 2 cudnn.allow_tf32,
// 3 cuda.matmul.allow_tf32, 4 use_deterministic_algorithms.
CB_EXPORT void cb_set_backend_flag(int32_t flag, bool value) {
  CB_TRY(auto& ctx = at::globalContext(); switch (flag) {
    case 0: ctx.setDeterministicCuDNN(value); break;
    case 1: ctx.setBenchmarkCuDNN(value); break;
    case 2: ctx.setAllowTF32CuDNN(value); break;
    case 3: ctx.setAllowTF32CuBLAS(value); break;
    case 4: ctx.setDeterministicAlgorithms(value, /*warn_only=*/false); break;
    default: throw std::invalid_argument("unknown backend flag " + std::to_string(flag));
  })
}
CB_EXPORT bool cb_get_backend_flag(int32_t flag) {
  CB_TRY(auto& ctx = at::globalContext(); switch (flag) {
    case 0: return ctx.deterministicCuDNN();
    case 1: return ctx.benchmarkCuDNN();
    case 2: return ctx.allowTF32CuDNN();
    case 3: return ctx.allowTF32CuBLAS();
    case 4: return ctx.deterministicAlgorithms();
    default: throw std::invalid_argument("unknown backend flag " + std::to_string(flag));
  })
  return false;
}

// Autocast (torch.autocast) on CUDA (device_type 1) or CPU (0); the low-precision dtype is bfloat16 or float16.
// Nesting mirrors torch.autocast's enter/exit; exit restores the state the matching enter saw.
namespace {
bool autocast_enabled(int32_t device_type) {
  if (device_type == 0) return at::autocast::is_cpu_enabled();
  if (device_type == 1) return at::autocast::is_enabled();
  throw std::invalid_argument("autocast supports CPU (0) and CUDA (1), not device type " + std::to_string(device_type));
}
void autocast_set(int32_t device_type, bool enabled, at::ScalarType dtype) {
  autocast_enabled(device_type);  // validates the device type
  if (device_type == 0) {
    at::autocast::set_autocast_cpu_dtype(dtype);
    at::autocast::set_cpu_enabled(enabled);
  } else {
    at::autocast::set_autocast_gpu_dtype(dtype);
    at::autocast::set_enabled(enabled);
  }
}
}  // namespace
CB_EXPORT void cb_autocast_enter(int32_t device_type, int32_t dtype) {
  CB_TRY(autocast_set(device_type, true, cb::dtype(dtype)); at::autocast::increment_nesting();)
}
CB_EXPORT void cb_autocast_exit(int32_t device_type, bool previously_enabled, int32_t previous_dtype) {
  CB_TRY(if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
         autocast_set(device_type, previously_enabled, cb::dtype(previous_dtype));)
}
CB_EXPORT bool cb_autocast_is_enabled(int32_t device_type) { CB_TRY(return autocast_enabled(device_type);) return false; }
CB_EXPORT int32_t cb_autocast_dtype(int32_t device_type) {
  CB_TRY(autocast_enabled(device_type);
         return static_cast<int32_t>(device_type == 0 ? at::autocast::get_autocast_cpu_dtype()
                                                      : at::autocast::get_autocast_gpu_dtype());)
  return -1;
}
