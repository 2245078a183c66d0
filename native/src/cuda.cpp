// CUDA runtime helpers. Compiled against a CUDA LibTorch only; elsewhere they raise a clear error.
#include "common.h"

#ifdef CILBENCH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <ATen/cuda/CUDAGeneratorImpl.h>
#endif

namespace {
[[noreturn]] void no_cuda() {
  throw std::runtime_error("CUDA is not available: this CilBench native shim was built against a CPU-only libtorch "
                           "(set LIBTORCH_DIR to a CUDA LibTorch and rebuild)");
}
}  // namespace

CB_EXPORT void cb_cuda_synchronize(int32_t device) {
  CB_TRY(
#ifdef CILBENCH_CUDA
      c10::cuda::CUDAGuard guard(static_cast<c10::DeviceIndex>(device)); c10::cuda::device_synchronize();
#else
      (void)device; no_cuda();
#endif
  )
}

CB_EXPORT void cb_cuda_empty_cache() {
  CB_TRY(
#ifdef CILBENCH_CUDA
      c10::cuda::CUDACachingAllocator::emptyCache();
#else
      no_cuda();
#endif
  )
}

CB_EXPORT int64_t cb_cuda_memory_allocated(int32_t device) {
  CB_TRY(
#ifdef CILBENCH_CUDA
      auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device);
      return stats.allocated_bytes[static_cast<size_t>(c10::cuda::CUDACachingAllocator::StatType::AGGREGATE)].current;
#else
      (void)device; no_cuda();
#endif
  )
  return -1;
}

CB_EXPORT int64_t cb_cuda_max_memory_allocated(int32_t device) {
  CB_TRY(
#ifdef CILBENCH_CUDA
      auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device);
      return stats.allocated_bytes[static_cast<size_t>(c10::cuda::CUDACachingAllocator::StatType::AGGREGATE)].peak;
#else
      (void)device; no_cuda();
#endif
  )
  return -1;
}

// A new CUDA generator on `device`, seeded (torch.Generator(device="cuda")); freed with cb_generator_free.
CB_EXPORT at::Generator* cb_cuda_generator_new(int32_t device, uint64_t seed) {
  CB_TRY(
#ifdef CILBENCH_CUDA
      auto g = at::cuda::detail::createCUDAGenerator(static_cast<c10::DeviceIndex>(device));
      {
        std::lock_guard<std::mutex> lock(g.mutex());
        g.set_current_seed(seed);
      }
      return new at::Generator(std::move(g));
#else
      (void)device; (void)seed; no_cuda();
#endif
  )
  return nullptr;
}
