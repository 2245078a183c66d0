// The thread-local error slot behind CB_TRY.
#include "common.h"

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
}  // namespace

namespace cb {
void set_error(const char* message) {
  has_error = true;
  last_error = message ? message : "unknown native exception";
}
void clear_error() { has_error = false; }
}  // namespace cb

CB_EXPORT const char* cb_last_error() { return has_error ? last_error.c_str() : nullptr; }
