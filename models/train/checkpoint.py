"""Checkpoints: everything needed to continue a run bit-exactly, written atomically.

A checkpoint holds model, optimizer and scheduler state, the RNG states (torch, numpy, python),
the position (epoch, next batch index within the epoch's deterministic batch list, global step),
the running epoch-loss accumulators, the history, the best-so-far record and the training time
spent so far (so `--max-minutes` is a budget across resumes). Files are written to a temporary
name and renamed, so a kill during the write never leaves a corrupt `last.pt`.
"""

from __future__ import annotations

import os
import random
from typing import Any, Dict, Optional

import numpy as np
import torch

LAST = "last.pt"
BEST = "best.pt"


def rng_states() -> Dict[str, Any]:
    return {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()}


def restore_rng_states(states: Dict[str, Any]) -> None:
    torch.set_rng_state(states["torch"])
    np.random.set_state(states["numpy"])
    random.setstate(states["python"])


def atomic_save(obj: Dict[str, Any], path: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def load(path: str) -> Optional[Dict[str, Any]]:
    if not os.path.exists(path):
        return None
    return torch.load(path, map_location="cpu")


def checkpoint_dir(out_dir: str) -> str:
    return os.path.join(out_dir, "checkpoints")
