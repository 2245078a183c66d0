// Optimizer kernels: one call updates a whole parameter group, so a step costs one crossing of the ABI.
#include "common.h"

#include <ATen/core/grad_mode.h>

namespace {
// torch.optim.SGD's single-tensor path (PyTorch 1.13, foreach=False), for every parameter that has a gradient:
//   d = grad + weight_decay * p
//   buf = d (first step) | momentum * buf + (1 - dampening) * d
//   d = nesterov ? d + momentum * buf : buf
//   p -= lr * d
void sgd_single(const CbTensor* params, int64_t n, CbTensor* bufs, double lr, double momentum, double dampening,
                double weight_decay, bool nesterov, bool maximize) {
  for (int64_t i = 0; i < n; ++i) {
    at::Tensor& p = *params[i];
    const at::Tensor& g = p.grad();
    if (!g.defined()) continue;
    at::Tensor d = maximize ? -g : g;
    if (weight_decay != 0) d = d.add(p, weight_decay);
    if (momentum != 0) {
      if (!bufs[i]) {
        bufs[i] = cb::wrap(d.clone().detach());
      } else {
        bufs[i]->mul_(momentum).add_(d, 1 - dampening);
      }
      d = nesterov ? d.add(*bufs[i], momentum) : *bufs[i];
    }
    p.add_(d, -lr);
  }
}

// The same update with the multi-tensor kernels, as torch.optim.SGD's _multi_tensor_sgd (foreach=True): a handful
// of _foreach_* launches per group instead of several kernels per parameter. Unlike PyTorch 1.13 it does not
// write the Nesterov term into the gradients (the values are the same; the gradients stay as backward left them).
void sgd_foreach(const CbTensor* params, int64_t n, CbTensor* bufs, double lr, double momentum, double dampening,
                 double weight_decay, bool nesterov, bool maximize) {
  std::vector<at::Tensor> ps, grads;
  std::vector<int64_t> slots;
  for (int64_t i = 0; i < n; ++i) {
    const at::Tensor& g = params[i]->grad();
    if (!g.defined()) continue;
    ps.push_back(*params[i]);
    grads.push_back(g);
    slots.push_back(i);
  }
  if (ps.empty()) return;
  if (maximize) grads = at::_foreach_neg(grads);
  if (weight_decay != 0) grads = at::_foreach_add(grads, ps, weight_decay);
  if (momentum != 0) {
    bool all_buffers = true;
    for (auto i : slots) all_buffers = all_buffers && bufs[i];
    std::vector<at::Tensor> momentum_bufs;
    if (all_buffers) {
      for (auto i : slots) momentum_bufs.push_back(*bufs[i]);
      at::_foreach_mul_(momentum_bufs, momentum);
      at::_foreach_add_(momentum_bufs, grads, 1 - dampening);
    } else {
      for (size_t k = 0; k < slots.size(); ++k) {
        auto i = slots[k];
        if (!bufs[i]) {
          bufs[i] = cb::wrap(grads[k].clone().detach());
        } else {
          bufs[i]->mul_(momentum).add_(grads[k], 1 - dampening);
        }
        momentum_bufs.push_back(*bufs[i]);
      }
    }
    grads = nesterov ? at::_foreach_add(grads, momentum_bufs, momentum) : momentum_bufs;
  }
  at::_foreach_add_(ps, grads, -lr);
}
}  // namespace

// `bufs[i]` is null until the first step; new buffers are returned through `bufs` (caller owns them). Both arrays
// hold n entries.
CB_EXPORT void cb_sgd_step(const CbTensor* params, int64_t n, CbTensor* bufs, int64_t n_bufs, double lr,
                           double momentum, double dampening, double weight_decay, bool nesterov, bool maximize,
                           bool foreach) {
  CB_TRY(
      if (n_bufs != n) throw std::invalid_argument("sgd step: " + std::to_string(n) + " parameters but " +
                                                   std::to_string(n_bufs) + " momentum buffer slots");
      cb::tensors(params, n, "params");  // checks the array and that no handle is null
      if (n > 0 && !bufs) throw std::invalid_argument("sgd step: the momentum buffer array is null");
      at::NoGradGuard no_grad;
      if (foreach) {
        sgd_foreach(params, n, bufs, lr, momentum, dampening, weight_decay, nesterov, maximize);
      } else {
        sgd_single(params, n, bufs, lr, momentum, dampening, weight_decay, nesterov, maximize);
      })
}
