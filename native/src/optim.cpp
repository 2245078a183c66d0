// Optimizer kernels: one call updates a whole parameter group, so a step costs one crossing of the ABI.
#include "common.h"

#include <ATen/core/grad_mode.h>

// torch.optim.SGD's update (PyTorch 1.13, single-tensor path), for every parameter that has a gradient:
//   d = grad + weight_decay * p
//   buf = d (first step) | momentum * buf + (1 - dampening) * d
//   d = nesterov ? d + momentum * buf : buf
//   p -= lr * d
// `bufs[i]` is null until the first step; new buffers are returned through `bufs` (caller owns them).
CB_EXPORT void cb_sgd_step(const CbTensor* params, int64_t n, CbTensor* bufs, double lr, double momentum,
                           double dampening, double weight_decay, bool nesterov, bool maximize) {
  CB_TRY(
      at::NoGradGuard no_grad;
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
      })
}
