// The thread-local error slot behind CB_TRY: a fixed buffer, so recording an error never allocates or throws.
#include "common.h"

#include <cstring>

namespace {
constexpr size_t kCapacity = 4096;
thread_local char last_error[kCapacity];
thread_local int32_t last_kind = cb::kNoError;
}  // namespace

namespace cb {
void set_error(ErrorKind kind, const char* message) noexcept {
  const char* text = message ? message : "unknown native exception";
  // Truncated messages keep their start, which names the failure.
  std::strncpy(last_error, text, kCapacity - 1);
  last_error[kCapacity - 1] = '\0';
  last_kind = kind;
}
void clear_error() noexcept { last_kind = kNoError; }
}  // namespace cb

CB_EXPORT const char* cb_last_error() noexcept { return last_kind != cb::kNoError ? last_error : nullptr; }
CB_EXPORT int32_t cb_last_error_kind() noexcept { return last_kind; }

// Test hook: raises a native exception of the given kind inside the usual wrapper, so the managed mapping of each
// kind can be tested without a GPU. 0: c10::Error, 1: c10::OutOfMemoryError, 2: std::bad_alloc, 3: a non-standard
// exception, 4: a c10::Error whose message is longer than the error buffer.
CB_EXPORT void cb_test_raise(int32_t kind, const char* message) {
  CB_TRY(switch (kind) {
    case 0: TORCH_CHECK(false, message);
    case 1: throw c10::OutOfMemoryError({__func__, __FILE__, static_cast<uint32_t>(__LINE__)}, message);
    case 2: throw std::bad_alloc();
    case 3: throw 42;
    case 4: TORCH_CHECK(false, std::string(message) + std::string(2 * kCapacity, 'x'));
    default: break;
  })
}
