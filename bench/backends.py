"""torch.backends switches for the PyTorch references, named and recorded as `cilbench bench` names and records them.

Every switch is set explicitly, TF32 included: PyTorch leaves cuDNN convolutions in TF32 by default on Ampere and
later (torch.backends.cudnn.allow_tf32 = True), CilBench computes in float32 unless told otherwise, and a comparison
must run the same arithmetic on both sides.
"""
import argparse

import torch


def add_arguments(parser, deterministic):
    """--deterministic/--no-deterministic (default as given), --cudnn-benchmark, --tf32 (default off)."""
    parser.add_argument("--deterministic", action=argparse.BooleanOptionalAction, default=deterministic,
                        help="cuDNN deterministic algorithms, no benchmarking")
    parser.add_argument("--cudnn-benchmark", action=argparse.BooleanOptionalAction, default=False,
                        help="cuDNN times its algorithms per shape and keeps the fastest")
    parser.add_argument("--tf32", action=argparse.BooleanOptionalAction, default=False,
                        help="TF32 for float32 convolutions and matrix products")


def apply(args):
    """Sets the switches; returns them with the keys `cilbench bench --json` writes."""
    if args.deterministic and args.cudnn_benchmark:
        raise SystemExit("--deterministic and --cudnn-benchmark exclude each other (benchmarking picks algorithms by timing)")
    torch.backends.cudnn.deterministic = args.deterministic
    torch.backends.cudnn.benchmark = args.cudnn_benchmark
    torch.backends.cudnn.allow_tf32 = args.tf32
    torch.backends.cuda.matmul.allow_tf32 = args.tf32
    return {"deterministic": args.deterministic, "cudnn_benchmark": args.cudnn_benchmark, "tf32": args.tf32}
