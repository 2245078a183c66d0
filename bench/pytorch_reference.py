#!/usr/bin/python3
"""The PyTorch side of `cilbench bench step`: the same training step, timed the same way, so the two compare 1:1.

Run it with Debian's /usr/bin/python3: its torch (python3-torch) is the libtorch our shim links. The model is
PyCIL's CIFAR ResNet (convs/cifar_resnet.py) rebuilt here with the same modules, names and initialisation, except
that it pools globally (as CilBench's backbone does, identical on 32x32) and has no unused fc. The head is
Linear(64, classes); the optimiser SGD(lr 0.1, momentum 0.9, weight decay 5e-4); gradients are cleared to None
(CilBench's zero_grad; PyTorch 1.13's default would zero-fill them instead).
"""
import argparse
import json
import math
import os
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import backends


class DownsampleA(nn.Module):
    """Stride-2 subsampling, then as many zero channels appended (parameter-free shortcut)."""

    def __init__(self, stride):
        super().__init__()
        self.avg = nn.AvgPool2d(kernel_size=1, stride=stride)

    def forward(self, x):
        x = self.avg(x)
        return torch.cat((x, x.mul(0)), 1)


class ResNetBasicblock(nn.Module):
    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv_a = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn_a = nn.BatchNorm2d(planes)
        self.conv_b = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn_b = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        h = F.relu(self.bn_a(self.conv_a(x)), inplace=True)
        h = self.bn_b(self.conv_b(h))
        residual = x if self.downsample is None else self.downsample(x)
        return F.relu(residual + h, inplace=True)


def make_stage(inplanes, planes, blocks, stride):
    downsample = DownsampleA(stride) if stride != 1 or inplanes != planes else None
    return nn.Sequential(ResNetBasicblock(inplanes, planes, stride, downsample),
                         *[ResNetBasicblock(planes, planes) for _ in range(blocks - 1)])


class CifarResNet(nn.Module):
    def __init__(self, depth, channels=3):
        super().__init__()
        assert depth >= 8 and (depth - 2) % 6 == 0, "depth must be 6n + 2"
        n = (depth - 2) // 6
        self.conv_1_3x3 = nn.Conv2d(channels, 16, 3, 1, 1, bias=False)
        self.bn_1 = nn.BatchNorm2d(16)
        self.stage_1 = make_stage(16, 16, n, 1)
        self.stage_2 = make_stage(16, 32, n, 2)
        self.stage_3 = make_stage(32, 64, n, 2)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.out_dim = 64
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                fan_out = m.kernel_size[0] * m.kernel_size[1] * m.out_channels
                m.weight.data.normal_(0, math.sqrt(2.0 / fan_out))
            elif isinstance(m, nn.BatchNorm2d):
                m.weight.data.fill_(1)
                m.bias.data.zero_()

    def forward(self, x):
        x = F.relu(self.bn_1(self.conv_1_3x3(x)), inplace=True)
        x = self.stage_3(self.stage_2(self.stage_1(x)))
        return self.avgpool(x).flatten(1)


def build_backbone(name, channels):
    if not name.startswith("resnet") or not name[6:].isdigit():
        raise SystemExit(f"pytorch_reference.py builds PyCIL's CIFAR ResNets (resnet8 ... resnet56), not '{name}'")
    return CifarResNet(int(name[6:]), channels)


def percentile(values, q):
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def timed(fn, warmup, steps):
    """Wall and process CPU milliseconds of each timed call."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(steps):
        cpu_start = time.process_time()
        start = time.perf_counter()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    return wall, cpu


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="resnet32")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--channels", type=int, default=3)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--classes", type=int, default=100)
    p.add_argument("--device", default="cpu")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    backends.add_arguments(p, deterministic=False)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    switches = backends.apply(a)
    device = torch.device(a.device)
    backbone = build_backbone(a.model, a.channels).to(device)
    head = nn.Linear(backbone.out_dim, a.classes).to(device)
    params = list(backbone.parameters()) + list(head.parameters())
    optimizer = torch.optim.SGD(params, lr=0.1, momentum=0.9, weight_decay=5e-4)
    x = torch.randn(a.batch, a.channels, a.size, a.size, device=device)
    y = torch.randint(0, a.classes, (a.batch,), device=device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    def train_step():
        loss = F.cross_entropy(head(backbone(x)), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        sync()

    def eval_step():
        with torch.no_grad():
            head(backbone(x))
        sync()

    backbone.train()
    head.train()
    train, train_cpu = timed(train_step, a.warmup, a.steps)
    backbone.eval()
    head.eval()
    evals, evals_cpu = timed(eval_step, a.warmup, a.steps)

    result = {
        "impl": "pytorch",
        "model": a.model,
        "batch": a.batch,
        "steps": a.steps,
        "warmup": a.warmup,
        "channels": a.channels,
        "size": a.size,
        "classes": a.classes,
        "device": str(device),
        "threads": torch.get_num_threads(),
        "libtorch": torch.__version__,
        "backends": switches,
        "backbone_parameters": sum(t.numel() for t in backbone.parameters()),
        "parameters": sum(t.numel() for t in params),
        "train_step_ms": round(statistics.median(train), 3),
        "train_step_p10_ms": round(percentile(train, 0.1), 3),
        "train_step_p90_ms": round(percentile(train, 0.9), 3),
        "eval_ms_per_batch": round(statistics.median(evals), 3),
        "eval_p10_ms": round(percentile(evals, 0.1), 3),
        "eval_p90_ms": round(percentile(evals, 0.9), 3),
        "train_step_cpu_ms": round(statistics.median(train_cpu), 3),
        "eval_cpu_ms_per_batch": round(statistics.median(evals_cpu), 3),
    }
    if a.json:
        print(json.dumps(result))
    else:
        print(f"pytorch {a.model} batch {a.batch} on {device}, {result['threads']} thread(s): "
              f"train step {result['train_step_ms']} ms (p10 {result['train_step_p10_ms']}, "
              f"p90 {result['train_step_p90_ms']}), eval {result['eval_ms_per_batch']} ms/batch")


if __name__ == "__main__":
    main()
