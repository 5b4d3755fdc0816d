"""Symmetric int8 weight quantization (per channel), shared by the ONNX rewrite and the torch
simulation so both see bit-identical dequantized weights.

Why symmetric, zero point 0, range [-127, 127]: weights are roughly zero-centred, a zero point
buys nothing, and -128 is left unused so the range is symmetric. Why per channel (per output
unit of a Linear, per row of an embedding): one outlier row then cannot wipe out the precision
of all others. Dequantization is q * scale in float32, exactly what ONNX DequantizeLinear does,
so the torch simulation of the int8 model reproduces ONNX Runtime's arithmetic on the weights.
"""

from __future__ import annotations

from typing import Tuple

import numpy as np

QMAX = 127


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
