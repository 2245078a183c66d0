// Process-wide runtime facts and settings: version, threads, grad mode, seeds, CUDA.
#include "common.h"

#include <ATen/Parallel.h>
#include <ATen/autocast_mode.h>
#include <ATen/core/grad_mode.h>
#include <ATen/Context.h>

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
CB_EXPORT const char* cb_build_config() {
  static std::string s;
  CB_TRY(s = at::show_config(); return s.c_str();)
  return nullptr;
}

// Autocast on CUDA (bfloat16 or float16); nesting mirrors torch.autocast's enter/exit.
CB_EXPORT void cb_autocast_enter(int32_t dtype) {
  CB_TRY(at::autocast::set_autocast_gpu_dtype(cb::dtype(dtype)); at::autocast::set_enabled(true);
         at::autocast::increment_nesting();)
}
CB_EXPORT void cb_autocast_exit(bool previously_enabled, int32_t previous_dtype) {
  CB_TRY(if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
         at::autocast::set_enabled(previously_enabled);
         at::autocast::set_autocast_gpu_dtype(cb::dtype(previous_dtype));)
}
CB_EXPORT bool cb_autocast_is_enabled() { return at::autocast::is_enabled(); }
CB_EXPORT int32_t cb_autocast_dtype() { return static_cast<int32_t>(at::autocast::get_autocast_gpu_dtype()); }
