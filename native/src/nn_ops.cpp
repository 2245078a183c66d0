// Neural-network functional ops (all differentiable through libtorch's autograd).
#include "common.h"

// Window arguments (kernel, stride, padding, dilation) hold 2 values each; their lengths are passed and checked.
CB_EXPORT CbTensor cb_conv2d(CbTensor x, CbTensor w, CbTensor b, const int64_t* stride, int64_t n_stride,
                             const int64_t* padding, int64_t n_padding, const int64_t* dilation, int64_t n_dilation,
                             int64_t groups) {
  CB_TENSOR(at::conv2d(*x, *w, cb::optional(b), cb::dims(stride, n_stride, 2, "stride"),
                       cb::dims(padding, n_padding, 2, "padding"), cb::dims(dilation, n_dilation, 2, "dilation"), groups))
}
CB_EXPORT CbTensor cb_linear(CbTensor x, CbTensor w, CbTensor b) { CB_TENSOR(at::linear(*x, *w, cb::optional(b))) }
// running_mean/var may be null; in training they are updated in place with `momentum`.
CB_EXPORT CbTensor cb_batch_norm(CbTensor x, CbTensor weight, CbTensor bias, CbTensor running_mean, CbTensor running_var,
                                 bool training, double momentum, double eps) {
  CB_TENSOR(at::batch_norm(*x, cb::optional(weight), cb::optional(bias), cb::optional(running_mean),
                           cb::optional(running_var), training, momentum, eps, at::globalContext().userEnabledCuDNN()))
}
CB_EXPORT CbTensor cb_relu(CbTensor x) { CB_TENSOR(at::relu(*x)) }
CB_EXPORT void cb_relu_(CbTensor x) { CB_TRY(at::relu_(*x);) }
CB_EXPORT CbTensor cb_sigmoid(CbTensor x) { CB_TENSOR(at::sigmoid(*x)) }
CB_EXPORT CbTensor cb_tanh(CbTensor x) { CB_TENSOR(at::tanh(*x)) }
CB_EXPORT CbTensor cb_softmax(CbTensor x, int64_t dim) { CB_TENSOR(at::softmax(*x, dim)) }
CB_EXPORT CbTensor cb_log_softmax(CbTensor x, int64_t dim) { CB_TENSOR(at::log_softmax(*x, dim)) }
CB_EXPORT CbTensor cb_dropout(CbTensor x, double p, bool training) { CB_TENSOR(at::dropout(*x, p, training)) }
CB_EXPORT CbTensor cb_max_pool2d(CbTensor x, const int64_t* kernel, int64_t n_kernel, const int64_t* stride,
                                 int64_t n_stride, const int64_t* padding, int64_t n_padding, const int64_t* dilation,
                                 int64_t n_dilation, bool ceil_mode) {
  CB_TENSOR(at::max_pool2d(*x, cb::dims(kernel, n_kernel, 2, "kernel_size"), cb::dims(stride, n_stride, 2, "stride"),
                           cb::dims(padding, n_padding, 2, "padding"), cb::dims(dilation, n_dilation, 2, "dilation"),
                           ceil_mode))
}
CB_EXPORT CbTensor cb_avg_pool2d(CbTensor x, const int64_t* kernel, int64_t n_kernel, const int64_t* stride,
                                 int64_t n_stride, const int64_t* padding, int64_t n_padding, bool ceil_mode,
                                 bool count_include_pad) {
  CB_TENSOR(at::avg_pool2d(*x, cb::dims(kernel, n_kernel, 2, "kernel_size"), cb::dims(stride, n_stride, 2, "stride"),
                           cb::dims(padding, n_padding, 2, "padding"), ceil_mode, count_include_pad))
}
CB_EXPORT CbTensor cb_adaptive_avg_pool2d(CbTensor x, const int64_t* out_size, int64_t n_out_size) {
  CB_TENSOR(at::adaptive_avg_pool2d(*x, cb::dims(out_size, n_out_size, 2, "output_size")))
}

// Loss reductions: 0 none, 1 mean, 2 sum (at::Reduction).
CB_EXPORT CbTensor cb_cross_entropy(CbTensor x, CbTensor target, CbTensor weight, int64_t reduction,
                                    int64_t ignore_index, double label_smoothing) {
  CB_TENSOR(at::cross_entropy_loss(*x, *target, cb::optional(weight), reduction, ignore_index, label_smoothing))
}
CB_EXPORT CbTensor cb_nll_loss(CbTensor x, CbTensor target, CbTensor weight, int64_t reduction, int64_t ignore_index) {
  CB_TENSOR(at::nll_loss_nd(*x, *target, cb::optional(weight), reduction, ignore_index))
}
// Input is log-probabilities; reduction 3 is 'batchmean' (sum / batch size), as torch.nn.functional.kl_div.
CB_EXPORT CbTensor cb_kl_div(CbTensor input, CbTensor target, int64_t reduction, bool log_target) {
  CB_TRY(if (reduction == 3) {
    auto loss = at::kl_div(*input, *target, at::Reduction::Sum, log_target);
    return cb::wrap(input->dim() == 0 ? loss : loss / input->size(0));
  } return cb::wrap(at::kl_div(*input, *target, reduction, log_target));)
  return nullptr;
}
CB_EXPORT CbTensor cb_mse_loss(CbTensor x, CbTensor target, int64_t reduction) { CB_TENSOR(at::mse_loss(*x, *target, reduction)) }
CB_EXPORT CbTensor cb_binary_cross_entropy_with_logits(CbTensor x, CbTensor target, CbTensor weight, CbTensor pos_weight,
                                                       int64_t reduction) {
  CB_TENSOR(at::binary_cross_entropy_with_logits(*x, *target, cb::optional(weight), cb::optional(pos_weight), reduction))
}
