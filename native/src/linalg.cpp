// Matrix products and linear algebra.
#include "common.h"

CB_EXPORT CbTensor cb_matmul(CbTensor a, CbTensor b) { CB_TENSOR(at::matmul(*a, *b)) }
CB_EXPORT CbTensor cb_mm(CbTensor a, CbTensor b) { CB_TENSOR(at::mm(*a, *b)) }
CB_EXPORT CbTensor cb_bmm(CbTensor a, CbTensor b) { CB_TENSOR(at::bmm(*a, *b)) }
CB_EXPORT CbTensor cb_outer(CbTensor a, CbTensor b) { CB_TENSOR(at::outer(*a, *b)) }
CB_EXPORT CbTensor cb_dot(CbTensor a, CbTensor b) { CB_TENSOR(at::dot(*a, *b)) }
CB_EXPORT CbTensor cb_svdvals(CbTensor a) { CB_TENSOR(at::linalg_svdvals(*a)) }
CB_EXPORT CbTensor cb_eigvalsh(CbTensor a) { CB_TENSOR(at::linalg_eigvalsh(*a)) }
CB_EXPORT CbTensor cb_cdist(CbTensor a, CbTensor b, double p) { CB_TENSOR(at::cdist(*a, *b, p)) }
