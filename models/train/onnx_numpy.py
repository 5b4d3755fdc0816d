"""A minimal numpy interpreter for the ONNX graphs export_onnx.py produces.

Why: this machine has no Python onnxruntime (parity with ONNX Runtime is checked later from Node),
yet we want the tests and the pipeline to prove that the exported float and int8 graphs compute
the same numbers as the torch model BEFORE handing them over. It implements exactly the ~25 ops
torch 1.13 emits for WaferEncoder (opset 13-15 semantics) plus DequantizeLinear, and raises on
anything else, so an export change that introduces a new op is noticed rather than mis-run.
It is a checker, not a runtime: slow-ish and float32 numpy.
"""

from __future__ import annotations

from typing import Dict, List

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper

try:
    from onnx.mapping import TENSOR_TYPE_TO_NP_TYPE as _NP_TYPE
except ImportError:  # newer onnx
    _NP_TYPE = {t: helper.tensor_dtype_to_np_dtype(t) for t in (1, 2, 3, 5, 6, 7, 9, 10, 11)}


def _attrs(node) -> Dict[str, object]:
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _reduce(x, axes, keepdims, fn):
    axes = None if axes is None else tuple(int(a) for a in np.asarray(axes).reshape(-1))
    return fn(x, axis=axes, keepdims=bool(keepdims))


def _slice(x, starts, ends, axes=None, steps=None):
    axes = list(range(len(starts))) if axes is None else [int(a) % x.ndim for a in axes]
    steps = [1] * len(starts) if steps is None else steps
    index = [slice(None)] * x.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        index[a] = slice(int(s), int(e), int(st))
    return x[tuple(index)]


def _reshape(x, shape):
    shape = [int(d) if d != 0 else x.shape[i] for i, d in enumerate(shape)]
    return x.reshape(shape)


def _softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _gemm(a, b, c=None, alpha=1.0, beta=1.0, transA=0, transB=0):
    a = a.T if transA else a
    b = b.T if transB else b
    y = np.float32(alpha) * (a @ b)
    return y + np.float32(beta) * c if c is not None else y


def _dequantize(x, scale, zero_point=None, axis=1):
    def per_axis(v):
        if v.ndim == 1 and v.size > 1:
            shape = [1] * x.ndim
            shape[axis % x.ndim] = -1
            return v.reshape(shape)
        return v

    zp = 0 if zero_point is None else per_axis(zero_point).astype(np.float32)
    return ((x.astype(np.float32) - zp) * per_axis(scale)).astype(np.float32)


def _run_node(op: str, inputs: List, a: Dict[str, object]):
    if op == "Constant":
        return numpy_helper.to_array(a["value"])
    if op == "Identity":
        return inputs[0]
    if op in ("Add", "Sub", "Mul", "Div", "Pow"):
        x, y = inputs
        out = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide, "Pow": np.power}[op](x, y)
        return out.astype(x.dtype)
    if op == "MatMul":
        return np.matmul(*inputs)
    if op == "Gemm":
        return _gemm(*inputs, **a)
    if op == "Gather":
        return np.take(inputs[0], inputs[1], axis=int(a.get("axis", 0)))
    if op == "Unsqueeze":
        x, axes = inputs
        for ax in sorted(int(v) % (x.ndim + len(axes)) for v in axes):
            x = np.expand_dims(x, ax)
        return x
    if op == "Squeeze":
        return np.squeeze(inputs[0], axis=tuple(int(v) for v in inputs[1])) if len(inputs) > 1 else np.squeeze(inputs[0])
    if op == "Shape":
        return np.array(inputs[0].shape, dtype=np.int64)
    if op == "Concat":
        return np.concatenate(inputs, axis=int(a["axis"]))
    if op == "Reshape":
        return _reshape(inputs[0], inputs[1])
    if op == "Transpose":
        return np.transpose(inputs[0], a.get("perm"))
    if op == "Slice":
        return _slice(*inputs)
    if op == "Softmax":
        return _softmax(inputs[0], int(a.get("axis", -1)))
    if op == "Erf":
        return torch.erf(torch.from_numpy(np.ascontiguousarray(inputs[0]))).numpy()
    if op == "Sqrt":
        return np.sqrt(inputs[0])
    if op == "ReduceMean":
        return _reduce(inputs[0], a.get("axes"), a.get("keepdims", 1), np.mean).astype(inputs[0].dtype)
    if op == "ReduceSum":
        axes = inputs[1] if len(inputs) > 1 else a.get("axes")
        return _reduce(inputs[0], axes, a.get("keepdims", 1), np.sum).astype(inputs[0].dtype)
    if op == "Cast":
        return inputs[0].astype(_NP_TYPE[int(a["to"])])
    if op == "Clip":
        x = inputs[0]
        lo = inputs[1] if len(inputs) > 1 and inputs[1] is not None else None
        hi = inputs[2] if len(inputs) > 2 and inputs[2] is not None else None
        return np.clip(x, lo, hi).astype(x.dtype)
    if op == "Where":
        return np.where(*inputs)
    if op == "Equal":
        return np.equal(*inputs)
    if op == "QuantizeLinear":
        x, scale, zero_point = inputs
        info = np.iinfo(zero_point.dtype)
        q = np.rint(x / scale.astype(np.float32)) + zero_point.astype(np.float32)
        return np.clip(q, info.min, info.max).astype(zero_point.dtype)
    if op == "DequantizeLinear":
        return _dequantize(*inputs, axis=int(a.get("axis", 1)))
    raise NotImplementedError(f"onnx_numpy: op {op} is not supported")


def run(model_or_path, feeds: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    """Evaluates the graph in node order (ONNX requires topological order) and returns outputs."""
    model = onnx.load(model_or_path) if isinstance(model_or_path, str) else model_or_path
    env: Dict[str, np.ndarray] = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    env.update(feeds)
    for node in model.graph.node:
        inputs = [env[name] if name else None for name in node.input]
        out = _run_node(node.op_type, inputs, _attrs(node))
        env[node.output[0]] = np.asarray(out)
    return {o.name: env[o.name] for o in model.graph.output}
