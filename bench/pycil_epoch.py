#!/usr/bin/python3
"""The PyTorch side of `cilbench bench epoch`: one epoch of iCaRL's second task on CIFAR-100 B0Inc10, as PyCIL runs it.

Run it with Debian's /usr/bin/python3 (its torch is the libtorch our shim links, its torchvision the transforms). The
pipeline is PyCIL's (utils/data_manager.py, utils/data.py, models/icarl.py): uint8 HWC arrays turned into PIL images
one by one (DummyDataset), torchvision RandomCrop(32, padding=4), RandomHorizontalFlip, ColorJitter(brightness=63/255),
ToTensor, Normalize(CIFAR-100 mean and std); a DataLoader of batch 128, shuffled, with PyCIL's num_workers = 8 (not
persistent: workers start again every epoch, as in PyCIL). The task trains the ten classes order[10:20] of
np.random.permutation(100) under seed 1993 plus 2000 exemplars (200 of each earlier class; which 200 does not change
the cost), on resnet32 + a 20-way linear head; the loss is cross-entropy plus KD (T = 2) against a frozen 10-way
teacher, SGD(lr 0.1, momentum 0.9, weight decay 2e-4), and PyCIL's per-batch host reads (loss.item(), correct
count .cpu()). Evaluation is PyCIL's eval_task: the CNN pass over the 20 classes' test images under no_grad, then the
NME pass (_extract_vectors, without no_grad as in PyCIL) and squared distances to the class means.

On CUDA, cuDNN runs deterministic without benchmarking, as PyCIL's trainer sets it (and as the CIFAR protocols
do), and in float32 (see backends.py); --no-deterministic --cudnn-benchmark --tf32 is the fast setting.

The network starts from random weights: an epoch costs the same whatever the weights. JSON keys are those of
`cilbench bench epoch --json`. Usage: pycil_epoch.py [--data DIR] [--epochs 2] [--threads N] [--workers 8] [--device cpu]
[--[no-]deterministic] [--cudnn-benchmark] [--tf32] [--json]
"""
import argparse
import json
import os
import pickle
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import backends  # noqa: E402
from pytorch_reference import CifarResNet  # noqa: E402  PyCIL's resnet32, shared with the step benchmark

MEAN, STD = (0.5071, 0.4867, 0.4408), (0.2675, 0.2565, 0.2761)
INITIAL, INCREMENT, EXEMPLARS_PER_CLASS, BATCH, T = 10, 10, 200, 128, 2


class DummyDataset(Dataset):
    """PyCIL's DummyDataset for in-memory images: PIL conversion and the transform per item."""

    def __init__(self, images, labels, trsf):
        self.images, self.labels, self.trsf = images, labels, trsf

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        return idx, self.trsf(Image.fromarray(self.images[idx])), self.labels[idx]


class IncrementalNet(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.convnet = CifarResNet(32)
        self.fc = nn.Linear(self.convnet.out_dim, classes)

    def extract_vector(self, x):
        return self.convnet(x)

    def forward(self, x):
        return {"logits": self.fc(self.convnet(x))}


def kd_loss(pred, soft, t):
    pred = torch.log_softmax(pred / t, dim=1)
    soft = torch.softmax(soft / t, dim=1)
    return -1 * torch.mul(soft, pred).sum() / pred.shape[0]


def load(folder, name):
    with open(os.path.join(folder, name), "rb") as f:
        d = pickle.load(f, encoding="bytes")
    images = d[b"data"].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)  # PyCIL's iCIFAR100: HWC uint8
    return images, np.array(d[b"fine_labels"])


def select(images, labels, order, classes, per_class=None):
    """The images of `classes` (original ids), relabelled by their position in `order`, as PyCIL maps them."""
    xs, ys = [], []
    for c in classes:
        idx = np.where(labels == c)[0][:per_class]
        xs.append(images[idx])
        ys.append(np.full(len(idx), order.index(c)))
    return np.concatenate(xs), np.concatenate(ys)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = os.path.join(os.environ.get("CILBENCH_DATA", os.path.expanduser("~/.local/share/cilbench/datasets")), "cifar-100-python")
    p.add_argument("--data", default=default_data, help="the cifar-100-python folder")
    p.add_argument("--epochs", type=int, default=2, help="timed epochs, after one untimed epoch")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--workers", type=int, default=8, help="DataLoader workers (PyCIL's num_workers)")
    p.add_argument("--device", default="cpu")
    p.add_argument("--seed", type=int, default=1993)
    p.add_argument("--json", action="store_true")
    backends.add_arguments(p, deterministic=True)  # PyCIL's trainer: cudnn.deterministic = True, benchmark = False
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    switches = backends.apply(a)
    np.random.seed(a.seed)
    order = np.random.permutation(100).tolist()
    known, total = INITIAL, INITIAL + INCREMENT
    train_x, train_y = load(a.data, "train")
    test_x, test_y = load(a.data, "test")
    new_x, new_y = select(train_x, train_y, order, order[known:total])
    old_x, old_y = select(train_x, train_y, order, order[:known], EXEMPLARS_PER_CLASS)
    train_set = DummyDataset(np.concatenate([new_x, old_x]), np.concatenate([new_y, old_y]), transforms.Compose([
        transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
        transforms.ColorJitter(brightness=63 / 255), transforms.ToTensor(), transforms.Normalize(MEAN, STD)]))
    test_set = DummyDataset(*select(test_x, test_y, order, order[:total]),
                            transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)]))
    train_loader = DataLoader(train_set, batch_size=BATCH, shuffle=True, num_workers=a.workers)
    test_loader = DataLoader(test_set, batch_size=BATCH, shuffle=False, num_workers=a.workers)

    device = torch.device(a.device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    old = IncrementalNet(known).to(device)
    for param in old.parameters():
        param.requires_grad = False
    old.eval()
    net = IncrementalNet(total).to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=2e-4)
    scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[80, 120], gamma=0.1)

    ends = []
    start = time.perf_counter()
    for _ in range(1 + a.epochs):
        net.train()
        losses, correct, seen = 0.0, 0, 0
        for _, inputs, targets in train_loader:
            inputs, targets = inputs.to(device), targets.to(device)
            logits = net(inputs)["logits"]
            loss = F.cross_entropy(logits, targets) + kd_loss(logits[:, :known], old(inputs)["logits"], T)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses += loss.item()
            correct += logits.max(dim=1)[1].eq(targets).cpu().sum()
            seen += len(targets)
        scheduler.step()
        sync()
        ends.append(time.perf_counter() - start)
    lengths = [b - e for e, b in zip(ends, ends[1:])]

    eval_start = time.perf_counter()
    net.eval()
    with torch.no_grad():
        for _, inputs, targets in test_loader:
            torch.topk(net(inputs.to(device))["logits"], k=1, dim=1)
    vectors = []
    for _, inputs, _ in test_loader:
        vectors.append(net.extract_vector(inputs.to(device)).cpu().data.numpy())
    vectors = np.concatenate(vectors)
    vectors = (vectors.T / (np.linalg.norm(vectors.T, axis=0) + 1e-8)).T
    means = np.random.randn(total, vectors.shape[1])  # class means: their values do not change the cost
    dists = ((means[:, None, :] - vectors[None, :, :]) ** 2).sum(-1)
    np.argsort(dists.T, axis=1)
    eval_seconds = time.perf_counter() - eval_start

    epoch = statistics.median(lengths)
    result = {
        "impl": "pycil", "protocol": "cifar100-b0inc10", "method": "icarl", "budget": "m2000", "task": 2,
        "device": str(device), "threads": torch.get_num_threads(), "libtorch": torch.__version__,
        "backends": switches, "train_images_per_epoch": len(train_set), "epoch_seconds": round(epoch, 3),
        "train_images_per_second": round(len(train_set) / epoch, 1),
        "eval_images": len(test_set), "eval_seconds": round(eval_seconds, 3),
        "eval_images_per_second": round(len(test_set) / eval_seconds, 1),
        "phases": [{"name": "train", "epochs": len(lengths), "epoch_seconds": round(epoch, 3)}],
    }
    if a.json:
        print(json.dumps(result))
    else:
        print(f"pycil icarl on cifar100-b0inc10 task 2, {device}, {result['threads']} thread(s), {a.workers} workers: "
              f"{len(train_set)} images/epoch, epoch {result['epoch_seconds']} s = {result['train_images_per_second']} images/s; "
              f"evaluation {len(test_set)} images in {result['eval_seconds']} s = {result['eval_images_per_second']} images/s")


if __name__ == "__main__":
    main()
