// Random sampling, from the default generator or an explicit one.
#include "common.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/Generator.h>

typedef at::Generator* CbGenerator;

CB_EXPORT CbGenerator cb_generator_new(uint64_t seed) {
  CB_TRY(auto g = new at::Generator(at::detail::createCPUGenerator(seed)); return g;)
  return nullptr;
}
CB_EXPORT void cb_generator_free(CbGenerator g) { delete g; }
CB_EXPORT void cb_generator_manual_seed(CbGenerator g, uint64_t seed) {
  CB_TRY(std::lock_guard<std::mutex> lock(g->mutex()); g->set_current_seed(seed);)
}

static c10::optional<at::Generator> gen(CbGenerator g) {
  return g ? c10::optional<at::Generator>(*g) : c10::nullopt;
}

CB_EXPORT CbTensor cb_rand(const int64_t* shape, int64_t n, CbGenerator g, int32_t dtype, int32_t dt, int32_t di) {
  CB_TENSOR(at::rand(cb::dims(shape, n), gen(g), cb::options(dtype, dt, di)))
}
CB_EXPORT CbTensor cb_randn(const int64_t* shape, int64_t n, CbGenerator g, int32_t dtype, int32_t dt, int32_t di) {
  CB_TENSOR(at::randn(cb::dims(shape, n), gen(g), cb::options(dtype, dt, di)))
}
CB_EXPORT CbTensor cb_randint(int64_t low, int64_t high, const int64_t* shape, int64_t n, CbGenerator g, int32_t dtype,
                              int32_t dt, int32_t di) {
  CB_TENSOR(at::randint(low, high, cb::dims(shape, n), gen(g), cb::options(dtype, dt, di)))
}
CB_EXPORT CbTensor cb_randperm(int64_t n, CbGenerator g, int32_t dtype, int32_t dt, int32_t di) {
  CB_TENSOR(at::randperm(n, gen(g), cb::options(dtype, dt, di)))
}
CB_EXPORT CbTensor cb_bernoulli(CbTensor p, CbGenerator g) { CB_TENSOR(at::bernoulli(*p, gen(g))) }
CB_EXPORT void cb_normal_(CbTensor t, double mean, double std, CbGenerator g) { CB_TRY(t->normal_(mean, std, gen(g));) }
CB_EXPORT void cb_uniform_(CbTensor t, double from, double to, CbGenerator g) { CB_TRY(t->uniform_(from, to, gen(g));) }
CB_EXPORT void cb_bernoulli_(CbTensor t, double p, CbGenerator g) { CB_TRY(t->bernoulli_(p, gen(g));) }
