"""k nearest neighbours (Euclidean), one implementation for three uses:

    knn_accuracy(train_mu, train_y, test_mu, test_y)   # how well the latent means separate the classes
    PixelKNN(x_test, y_test).predict(images)           # a rough pixel-space judge: "which digit is this?"
    nearest(codes, z, k=3)                             # the known images encoded closest to a new point
"""
from __future__ import annotations

import numpy as np
import torch


def _rows(a, dtype=torch.float32) -> torch.Tensor:
    """Points as a 2-D tensor (N, D): images (N, 28, 28) or (N, 1, 28, 28) become (N, 784)."""
    t = a if isinstance(a, torch.Tensor) else torch.as_tensor(np.asarray(a))
    t = t.to(dtype)
    return t.reshape(t.shape[0], -1) if t.ndim != 1 else t.reshape(1, -1)


class KNN:
    """The k nearest reference points of each query (Euclidean), and the majority vote of their labels."""

    def __init__(self, points, labels=None, k: int = 5, num_classes: int | None = None, dtype=torch.float32):
        self.ref = _rows(points, dtype)                                              # (M, D)
        self.labels = None if labels is None else torch.as_tensor(labels).long().reshape(-1)   # (M,)
        self.k = int(k)
        self.num_classes = (int(num_classes) if num_classes is not None
                            else int(self.labels.max()) + 1 if self.labels is not None and len(self.labels) else 0)

    def __repr__(self):
        return f"{type(self).__name__}(k={self.k}, references={self.ref.shape[0]:,})"

    @torch.inference_mode()
    def neighbours(self, query, k: int | None = None, chunk: int = 1000) -> tuple[torch.Tensor, torch.Tensor]:
        """query (n, D) -> (distances (n, k), indices (n, k)) of the k nearest references, closest first
        (k is capped at the number of references)."""
        q = _rows(query, self.ref.dtype)
        if q.shape[1] != self.ref.shape[1]:
            raise ValueError(f"points of size {q.shape[1]} cannot be compared with references of size "
                             f"{self.ref.shape[1]}")
        k = min(self.k if k is None else int(k), self.ref.shape[0])
        parts = [torch.cdist(q[i:i + chunk], self.ref).topk(k, largest=False) for i in range(0, q.shape[0], chunk)]
        return torch.cat([p.values for p in parts]), torch.cat([p.indices for p in parts])

    @torch.inference_mode()
    def vote(self, query, chunk: int = 1000) -> tuple[torch.Tensor, torch.Tensor]:
        """query (n, D) -> (label (n,) int64, confidence (n,) float32): the majority label among the k nearest
        references and the share of the k votes it got (ties go to the smaller label)."""
        _, idx = self.neighbours(query, chunk=chunk)
        votes = torch.nn.functional.one_hot(self.labels[idx], self.num_classes).sum(1)     # (n, C)
        conf, label = (votes.float() / idx.shape[1]).max(1)
        return label, conf

    def accuracy(self, query, labels, chunk: int = 1000) -> float:
        """Share of the queries whose vote is their label."""
        label, _ = self.vote(query, chunk)
        return (label == torch.as_tensor(labels).long().reshape(-1)).sum().item() / label.shape[0]


class PixelKNN(KNN):
    """A kNN classifier on raw pixels (the 784 values in [0, 1]), default k = 10: an image whose k nearest
    reference images mostly share one label is called that label with confidence."""

    def __init__(self, images, labels, k: int = 10, num_classes: int = 10):
        super().__init__(images, labels, k, num_classes)
        if self.ref.shape[0] < self.k:
            raise ValueError(f"a {self.k}-nearest-neighbour classifier needs at least {self.k} reference images")

    def predict(self, images, chunk: int = 500) -> tuple[np.ndarray, np.ndarray]:
        """images (N, 28, 28) or (N, 1, 28, 28) in [0, 1] -> (label (N,) int64, confidence (N,) float32)."""
        label, conf = self.vote(images, chunk)
        return label.numpy(), conf.numpy()


def knn_accuracy(train_z, train_y, test_z, test_y, k: int = 5, chunk: int = 1000) -> float:
    """Accuracy of a k-nearest-neighbour vote in latent space (Euclidean), train -> test."""
    return KNN(train_z, train_y, k).accuracy(test_z, test_y, chunk)


def nearest(codes, z, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """codes (N, D), one point z (D,) -> (indices (k,) of the k nearest codes, closest first;
    their Euclidean distances (k,))."""
    codes = np.asarray(codes, dtype=np.float64)
    if codes.ndim != 2:
        raise ValueError(f"codes must be a table (N, D), not of shape {codes.shape}")
    dist, idx = KNN(codes, k=k, dtype=torch.float64).neighbours(np.asarray(z, dtype=np.float64).reshape(1, -1))
    return idx[0].numpy(), dist[0].numpy()
