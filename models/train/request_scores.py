"""Window -> request aggregation (group by `rid`).

Why max: a request is an attack if ANY of its fields/windows carries a payload, so its attack
score is the max window attack score, and its reported class comes from that top window. A
request's true label is the most frequent attack label among its windows (benign if none).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Requests:
    rid: np.ndarray  # [R] unique request ids (sorted)
    inverse: np.ndarray  # [n windows] -> request index
    score: np.ndarray  # [R] max window attack score
    top_window: np.ndarray  # [R] index of the window with that max
    label: np.ndarray  # [R] true request label
    src: np.ndarray  # [R] source code of the top window's request (first window's src)

    @property
    def is_attack(self) -> np.ndarray:
        return self.label > 0


def attack_score(probs: np.ndarray) -> np.ndarray:
    """Window attack score = 1 - p(benign) (label 0)."""
    return (1.0 - probs[:, 0]).astype(np.float32)


def aggregate(rid: np.ndarray, y: np.ndarray, scores: np.ndarray, src: np.ndarray, n_labels: int) -> Requests:
    uniq, inverse = np.unique(rid, return_inverse=True)
    r = len(uniq)
    order = np.lexsort((-scores.astype(np.float64), inverse))  # by request, highest score first
    first = np.ones(len(order), dtype=bool)
    first[1:] = inverse[order][1:] != inverse[order][:-1]
    top_window = np.empty(r, dtype=np.int64)
    top_window[inverse[order][first]] = order[first]
    counts = np.bincount(inverse * n_labels + y, minlength=r * n_labels).reshape(r, n_labels)
    attack_counts = counts[:, 1:]
    label = np.where(attack_counts.sum(axis=1) > 0, attack_counts.argmax(axis=1) + 1, 0)
    first_window = np.full(r, -1, dtype=np.int64)
    first_window[inverse[::-1]] = np.arange(len(inverse))[::-1]
    return Requests(uniq, inverse, scores[top_window], top_window, label, src[first_window])
