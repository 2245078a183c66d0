#!/usr/bin/python3
"""Writes a CIFAR-100 stand-in in the official python format (cifar-100-python/{train,test,meta}), random pixels.

No dataset can be downloaded on our build machines, and an epoch's cost does not depend on what the pixels show:
the epoch benchmark (`cilbench bench epoch`, bench/pycil_epoch.py) reads these files on both sides. The layout is
the official one: pickled dicts with bytes keys (b'data' uint8 N x 3072 in channel-major order, b'fine_labels',
b'coarse_labels', b'filenames', b'batch_label'), written with protocol 2 as Python 2's cPickle did.
Usage: make_cifar100.py DIR [--train-per-class 500] [--test-per-class 100] [--seed 0]
"""
import argparse
import os
import pickle

import numpy as np

# CIFAR-100's superclass of each fine class, as the real files label them (CifarReader.Cifar100CoarseOfFine), so a
# protocol that groups tasks by superclass passes the harness's coarse-label check on the stand-in too.
COARSE_OF_FINE = [
    4, 1, 14, 8, 0, 6, 7, 7, 18, 3, 3, 14, 9, 18, 7, 11, 3, 9, 7, 11, 6, 11, 5, 10, 7, 6, 13, 15, 3, 15,
    0, 11, 1, 10, 12, 14, 16, 9, 11, 5, 5, 19, 8, 8, 15, 13, 14, 17, 18, 10, 16, 4, 17, 4, 2, 0, 17, 4, 18, 17,
    10, 3, 2, 12, 12, 16, 12, 1, 9, 19, 2, 10, 0, 1, 16, 12, 9, 13, 15, 13, 16, 19, 2, 4, 6, 19, 5, 5, 8, 19,
    18, 1, 2, 15, 6, 0, 17, 8, 14, 13,
]


def batch(rng, per_class, label):
    fine = np.repeat(np.arange(100), per_class)
    rng.shuffle(fine)
    return {
        b'filenames': [b'random_%d.png' % i for i in range(len(fine))],
        b'batch_label': label,
        b'fine_labels': [int(c) for c in fine],
        b'coarse_labels': [COARSE_OF_FINE[c] for c in fine],
        b'data': rng.integers(0, 256, size=(len(fine), 3072), dtype=np.uint8),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('dir', help='the folder that gets cifar-100-python/')
    p.add_argument('--train-per-class', type=int, default=500)
    p.add_argument('--test-per-class', type=int, default=100)
    p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    out = os.path.join(a.dir, 'cifar-100-python')
    os.makedirs(out, exist_ok=True)
    files = {
        'train': batch(rng, a.train_per_class, b'training batch 1 of 1'),
        'test': batch(rng, a.test_per_class, b'testing batch 1 of 1'),
        'meta': {b'fine_label_names': [b'class_%d' % i for i in range(100)],
                 b'coarse_label_names': [b'superclass_%d' % i for i in range(20)]},
    }
    for name, content in files.items():
        with open(os.path.join(out, name), 'wb') as f:
            pickle.dump(content, f, protocol=2)
    print(out)


if __name__ == '__main__':
    main()
