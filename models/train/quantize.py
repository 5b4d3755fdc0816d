"""int8 quantization math shared by the ONNX rewrite and the torch simulation, so both compute the
same numbers: symmetric int8 weights (per channel) and asymmetric uint8 activations (per tensor,
with a scale and zero point fixed at export from calibration data).

Why symmetric, zero point 0, range [-127, 127]: weights are roughly zero-centred, a zero point
buys nothing, and -128 is left unused so the range is symmetric. Why per channel (per output
unit of a Linear, per row of an embedding): one outlier row then cannot wipe out the precision
of all others. Dequantization is q * scale in float32, exactly what ONNX DequantizeLinear does,
so the torch simulation of the int8 model reproduces ONNX Runtime's arithmetic on the weights.
"""

from __future__ import annotations

from typing import Tuple

import numpy as np
import torch

QMAX = 127
#: uint8 activations: ONNX Runtime's integer GEMM (MLAS) is fastest for uint8 x int8 (AVX2/AVX-512 VNNI).
ACT_QMAX = 255


def _reduce_axes(ndim: int, axis: int) -> Tuple[int, ...]:
    return tuple(i for i in range(ndim) if i != axis % ndim)


def quantize_symmetric(w: np.ndarray, axis: int) -> Tuple[np.ndarray, np.ndarray]:
    """(q int8, scale float32 [w.shape[axis]]): w ~ q * scale, per channel along `axis`."""
    w = np.asarray(w, dtype=np.float32)
    amax = np.max(np.abs(w), axis=_reduce_axes(w.ndim, axis))
    scale = (amax / np.float32(QMAX)).astype(np.float32)
    scale[scale == 0] = np.float32(1.0)  # all-zero channel: any scale works, avoid 0/0
    q = np.clip(np.rint(w / _broadcast(scale, w.ndim, axis)), -QMAX, QMAX).astype(np.int8)
    return q, scale


def dequantize(q: np.ndarray, scale: np.ndarray, axis: int) -> np.ndarray:
    """float32 q * scale, broadcast along `axis` (ONNX DequantizeLinear with zero point 0)."""
    return q.astype(np.float32) * _broadcast(scale.astype(np.float32), q.ndim, axis)


def _broadcast(scale: np.ndarray, ndim: int, axis: int) -> np.ndarray:
    shape = [1] * ndim
    shape[axis % ndim] = -1
    return scale.reshape(shape)


def activation_qparams(lo: float, hi: float) -> Tuple[np.float32, np.uint8]:
    """(scale, zero point) of an asymmetric uint8 grid over [lo, hi] widened to include 0.

    Why 0 is on the grid: the zero point is then an exact integer, so a zero activation stays exactly
    zero. Why fixed (static) and not computed per call (ONNX Runtime's DynamicQuantizeLinear): a
    per-call range spans the whole batch, so a window's score would depend on which other fields
    were micro-batched with it and on their padding; fixed ranges keep every score a function of its
    own window. Values outside the calibrated range saturate at the grid's ends.
    """
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    scale = np.float32((hi - lo) / ACT_QMAX) if hi > lo else np.float32(1.0)
    zero_point = np.uint8(np.clip(np.rint(-lo / float(scale)), 0, ACT_QMAX))
    return scale, zero_point


def fake_quantize_activation(x: torch.Tensor, scale: np.float32, zero_point: np.uint8) -> torch.Tensor:
    """ONNX QuantizeLinear then DequantizeLinear, in float32 as ONNX Runtime computes them:
    q = saturate(round_half_even(x / scale) + zero_point), then (q - zero_point) * scale."""
    s = torch.tensor(float(scale), dtype=torch.float32)
    z = float(zero_point)
    q = torch.clamp(torch.round(x / s) + z, 0.0, float(ACT_QMAX))
    return (q - z) * s
