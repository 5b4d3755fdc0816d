"""Plain-numpy metric functions (no scikit-learn on this machine): ROC/PR curves, AUC, F1.

Conventions: a higher score means "more likely attack"; a sample is flagged when score > t
(strictly greater), the same rule the thresholds in thresholds.json use.
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

import numpy as np


def rank_average(x: np.ndarray) -> np.ndarray:
    """1-based ranks with ties sharing their average rank (for the Mann-Whitney AUC)."""
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    boundaries = np.flatnonzero(np.diff(xs)) + 1
    starts = np.concatenate([[0], boundaries])
    ends = np.concatenate([boundaries, [len(xs)]])
    avg = (starts + ends + 1) / 2.0  # mean of ranks start+1 .. end
    ranks = np.empty(len(x), dtype=np.float64)
    ranks[order] = np.repeat(avg, ends - starts)
    return ranks


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> Optional[float]:
    """Area under the ROC curve (ties count 1/2); None when one class is absent."""
    labels = labels.astype(bool)
    n_pos, n_neg = int(labels.sum()), int((~labels).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    ranks = rank_average(scores.astype(np.float64))
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def roc_curve(labels: np.ndarray, scores: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds): point i flags scores >= thresholds[i]; starts at (0, 0)."""
    labels = labels.astype(bool)
    order = np.argsort(-scores, kind="mergesort")
    s, l = scores[order], labels[order]
    last_of_run = np.concatenate([np.flatnonzero(np.diff(s)), [len(s) - 1]]) if len(s) else np.array([], dtype=int)
    tp = np.cumsum(l)[last_of_run]
    fp = np.cumsum(~l)[last_of_run]
    n_pos, n_neg = max(1, int(labels.sum())), max(1, int((~labels).sum()))
    fpr = np.concatenate([[0.0], fp / n_neg])
    tpr = np.concatenate([[0.0], tp / n_pos])
    thr = np.concatenate([[np.inf], s[last_of_run]])
    return fpr, tpr, thr


def tpr_at_fpr(labels: np.ndarray, scores: np.ndarray, max_fpr: float) -> Optional[float]:
    """Best TPR achievable with FPR <= max_fpr on this very set (an oracle threshold)."""
    labels = labels.astype(bool)
    if labels.all() or not labels.any():
        return None
    fpr, tpr, _ = roc_curve(labels, scores)
    return float(tpr[fpr <= max_fpr + 1e-12].max())


def pr_curve(labels: np.ndarray, scores: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(recall, precision) at each distinct threshold, highest threshold first."""
    fpr, tpr, _ = roc_curve(labels, scores)
    n_pos, n_neg = int(labels.sum()), int((~labels.astype(bool)).sum())
    tp, fp = tpr[1:] * n_pos, fpr[1:] * n_neg
    precision = tp / np.maximum(tp + fp, 1)
    return tpr[1:], precision


def average_precision(labels: np.ndarray, scores: np.ndarray) -> Optional[float]:
    """AP = sum over thresholds of (recall step) x precision (the step-wise PR area)."""
    if not labels.astype(bool).any():
        return None
    recall, precision = pr_curve(labels, scores)
    return float(np.sum(np.diff(np.concatenate([[0.0], recall])) * precision))


def confusion(y: np.ndarray, pred: np.ndarray, k: int) -> np.ndarray:
    """k x k counts, rows = true label, columns = predicted label."""
    return np.bincount(y * k + pred, minlength=k * k).reshape(k, k)


def per_class_prf(y: np.ndarray, pred: np.ndarray, k: int) -> Dict[str, np.ndarray]:
    cm = confusion(y, pred, k).astype(np.float64)
    tp = np.diag(cm)
    support = cm.sum(axis=1)
    predicted = cm.sum(axis=0)
    precision = np.divide(tp, predicted, out=np.zeros(k), where=predicted > 0)
    recall = np.divide(tp, support, out=np.zeros(k), where=support > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(k), where=(precision + recall) > 0)
    return {"precision": precision, "recall": recall, "f1": f1, "support": support}


def macro_f1(y: np.ndarray, pred: np.ndarray, k: int) -> float:
    """Mean F1 over the classes present in y (absent classes would only add zeros)."""
    prf = per_class_prf(y, pred, k)
    present = prf["support"] > 0
    return float(prf["f1"][present].mean()) if present.any() else 0.0
