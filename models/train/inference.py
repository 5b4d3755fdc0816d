"""Batched eval-mode inference over a WindowSet, and the validation summary used for model selection.

Inference uses length-sorted batches (no shuffling, minimal padding) with a larger token budget
than training (no activations are kept for backward), then scatters results back to file order.
"""

from __future__ import annotations

from typing import Dict, Optional

import numpy as np
import torch
from torch import nn

from data import WindowSet, collate, eval_batches
from metrics_math import macro_f1
from progress import Progress


def predict_probs(model: nn.Module, ws: WindowSet, pad_id: int, batch_tokens: int = 16384, desc: Optional[str] = None) -> np.ndarray:
    """Softmax probabilities [n, n_labels] (float32) in the WindowSet's order."""
    was_training = model.training
    model.eval()
    out: Optional[np.ndarray] = None
    bar = Progress(len(ws), desc) if desc else None
    with torch.no_grad():
        for index in eval_batches(ws.lengths, batch_tokens):
            ids, mask = collate(ws, index, pad_id)
            probs = torch.softmax(model(torch.from_numpy(ids), torch.from_numpy(mask)), dim=-1).numpy()
            if out is None:
                out = np.empty((len(ws), probs.shape[1]), dtype=np.float32)
            out[index] = probs
            if bar:
                bar.update(len(index))
    if bar:
        bar.close()
    model.train(was_training)
    return out if out is not None else np.zeros((0, 0), dtype=np.float32)


def validation_summary(probs: np.ndarray, y: np.ndarray, weights: np.ndarray) -> Dict[str, float]:
    """Window-level loss (class-weighted = the training objective; and plain), accuracy, macro-F1."""
    p_true = np.clip(probs[np.arange(len(y)), y], 1e-12, 1.0).astype(np.float64)
    nll = -np.log(p_true)
    w = weights[y].astype(np.float64)
    pred = probs.argmax(axis=1)
    return {
        "loss": float((nll * w).sum() / len(y)),
        "loss_unweighted": float(nll.mean()),
        "accuracy": float((pred == y).mean()),
        "macro_f1": float(macro_f1(y, pred, probs.shape[1])),
    }
