"""Activation ranges for the static int8 graph: the min and max that each quantized Linear's input
takes over real tokens of a calibration sample.

Why real tokens only: padded positions are computed too but never reach a score (attention masks
them as keys, pooling ignores them); letting their values widen a range would cost precision
everywhere for nothing. Why min/max and not a percentile: with these LayerNorm-fed inputs the
extremes sit within ~1.5x of the 99.99th percentile (measured on v3's validation windows), so
clipping gains little precision and would saturate exactly the unusual tokens an attack brings.
"""

from __future__ import annotations

from typing import Dict, Iterable

import numpy as np
import torch
from torch import nn

from data import WindowSet, collate, eval_batches


def linear_input_ranges(model: nn.Module, modules: Iterable[str], ws: WindowSet, pad_id: int, max_windows: int = 8192, seed: int = 1) -> Dict[str, tuple]:
    """{module name: (min, max)} of each listed Linear's input over a seeded sample of `ws`."""
    names = list(modules)
    table = dict(model.named_modules())
    lo = {n: np.inf for n in names}
    hi = {n: -np.inf for n in names}
    real = {"rows": None}

    def observe(name):
        def hook(module, inputs):
            x = inputs[0].detach().reshape(-1, inputs[0].shape[-1])[real["rows"]]
            if x.numel():
                lo[name] = min(lo[name], float(x.min()))
                hi[name] = max(hi[name], float(x.max()))
        return hook

    handles = [table[n].register_forward_pre_hook(observe(n)) for n in names]
    index = np.arange(len(ws))
    if len(ws) > max_windows:
        index = np.sort(np.random.default_rng([seed, 7]).choice(len(ws), max_windows, replace=False))
    sample = ws.subset(index)
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for batch in eval_batches(sample.lengths, 16384):
                ids, mask = collate(sample, batch, pad_id)
                real["rows"] = torch.from_numpy(mask).reshape(-1).bool()
                model(torch.from_numpy(ids), torch.from_numpy(mask))
    finally:
        for h in handles:
            h.remove()
        model.train(was_training)
    missing = [n for n in names if not np.isfinite(lo[n])]
    if missing:
        raise ValueError(f"calibration sample never reached {missing}")
    return {n: (lo[n], hi[n]) for n in names}
