"""ONNX export (float) and int8 weight-only quantization by graph surgery, plus the torch
simulation of the int8 model.

Float export: the eval-mode model wrapped to return softmax probabilities; inputs `input_ids`
and `attention_mask` (int64 [batch, seq]), output `probs` (float32 [batch, n_labels]); batch and
sequence axes dynamic; opset 14 (>= 13 is needed for per-axis DequantizeLinear; torch 1.13 and
onnx 1.12 both handle 14 well, and every onnxruntime-node since 1.8 runs it).

Int8: each large float weight initializer (>= MIN_ELEMENTS values, 2-D) consumed by MatMul (as
B), Gemm (as B), Gather (the token embedding) or Slice (the position table) is replaced by an int8
initializer + per-channel float32 scale + int8 zero point 0, feeding a DequantizeLinear whose
output keeps the original name, so the consumers are untouched. The channel axis is the
OUTPUT unit: axis 1 for MatMul's [in, out] weights, axis 0 for Gemm with transB=1 ([out, in]),
axis 0 (per row) for embedding tables. Activations stay float: this is about file size (4x smaller
weights), not integer kernels.

Simulation: for each quantized initializer we find the torch parameter holding exactly the same
float values (or their transpose), and replace it by the very same dequantized array. A parameter
that cannot be matched is an error, so the simulated model can never silently differ from the
ONNX one.
"""

from __future__ import annotations

import copy
import os
import warnings
from typing import Dict, List, Optional

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

from model import ProbabilityHead, WaferEncoder
from quantize import dequantize, quantize_symmetric

OPSET = 14
MIN_ELEMENTS = 1024
MAX_BYTES = 8 * 1024 * 1024
INPUTS = ["input_ids", "attention_mask"]
OUTPUT = "probs"


def export_float(model: WaferEncoder, path: str, metadata: Optional[Dict[str, str]] = None, opset: int = OPSET) -> None:
    """Exports the eval-mode model (probabilities head) with dynamic batch and sequence axes."""
    wrapper = ProbabilityHead(copy.deepcopy(model).cpu().eval()).eval()
    ids = torch.tensor([[1, 5, 6, 7, 2, 0], [1, 8, 9, 10, 11, 2]], dtype=torch.int64)
    mask = (torch.arange(6)[None, :] < torch.tensor([[5], [6]])).to(torch.int64)
    dynamic = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}, OUTPUT: {0: "batch"}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            wrapper, (ids, mask), path, input_names=INPUTS, output_names=[OUTPUT], dynamic_axes=dynamic,
            opset_version=opset, do_constant_folding=True,
        )
    proto = onnx.load(path)
    proto.doc_string = "Wafer detector: probs = softmax(WaferEncoder(input_ids, attention_mask))"
    for key, value in (metadata or {}).items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(proto, path)
    check(path)


def check(path: str) -> onnx.ModelProto:
    """onnx.checker (with shape inference) plus our interface expectations."""
    proto = onnx.load(path)
    onnx.checker.check_model(proto, full_check=True)
    names = [i.name for i in proto.graph.input]
    if names != INPUTS or [o.name for o in proto.graph.output] != [OUTPUT]:
        raise ValueError(f"unexpected graph interface: inputs {names}, outputs {[o.name for o in proto.graph.output]}")
    for inp in proto.graph.input:
        if inp.type.tensor_type.elem_type != TensorProto.INT64:
            raise ValueError(f"{inp.name} must be int64")
    return proto


def dynamic_dims(proto: onnx.ModelProto) -> Dict[str, List[str]]:
    """Symbolic dimension names per graph input/output ('' = fixed)."""
    out = {}
    for v in list(proto.graph.input) + list(proto.graph.output):
        out[v.name] = [d.dim_param for d in v.type.tensor_type.shape.dim]
    return out


def _consumers(graph) -> Dict[str, List[tuple]]:
    uses: Dict[str, List[tuple]] = {}
    for node in graph.node:
        for slot, name in enumerate(node.input):
            uses.setdefault(name, []).append((node, slot))
    return uses


def _channel_axis(node, slot: int) -> Optional[int]:
    """Output-channel axis of a weight feeding `node` at input `slot`, or None if unsupported."""
    if node.op_type == "MatMul" and slot == 1:
        return 1
    if node.op_type == "Gemm" and slot == 1:
        trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
        return 0 if trans_b else 1
    if node.op_type in ("Gather", "Slice") and slot == 0:
        return 0
    return None


def quantize_model(src: str, dst: str, min_elements: int = MIN_ELEMENTS) -> List[dict]:
    """Writes the int8 weight-only model; returns one record per quantized tensor."""
    proto = onnx.load(src)
    graph = proto.graph
    uses = _consumers(graph)
    records: List[dict] = []
    dq_nodes = []
    keep = []
    for init in graph.initializer:
        w = numpy_helper.to_array(init)
        axes = {_channel_axis(n, s) for n, s in uses.get(init.name, [])}
        if w.dtype != np.float32 or w.ndim != 2 or w.size < min_elements or len(axes) != 1 or None in axes:
            keep.append(init)
            continue
        axis = axes.pop()
        q, scale = quantize_symmetric(w, axis)
        base = init.name
        keep.append(numpy_helper.from_array(q, base + "_quantized"))
        keep.append(numpy_helper.from_array(scale, base + "_scale"))
        keep.append(numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), base + "_zero_point"))
        dq_nodes.append(helper.make_node(
            "DequantizeLinear", [base + "_quantized", base + "_scale", base + "_zero_point"], [base],
            name=base + "_dequantize", axis=axis,
        ))
        err = np.abs(dequantize(q, scale, axis) - w)
        records.append({
            "name": base, "shape": list(w.shape), "axis": axis,
            "consumers": sorted({n.op_type for n, _ in uses[base]}),
            "maxAbsError": float(err.max()), "meanAbsError": float(err.mean()),
            "original": w, "dequantized": dequantize(q, scale, axis),
        })
    del graph.initializer[:]
    graph.initializer.extend(keep)
    nodes = dq_nodes + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    if proto.opset_import[0].version < 13:
        raise ValueError("per-axis DequantizeLinear needs opset >= 13")
    proto.doc_string = (proto.doc_string + " | int8 weight-only (per-channel symmetric, DequantizeLinear)").strip(" |")
    onnx.save(proto, dst)
    check(dst)
    return records


def simulate_int8(model: WaferEncoder, records: List[dict]) -> WaferEncoder:
    """A copy of `model` whose quantized parameters hold exactly the ONNX dequantized weights."""
    sim = copy.deepcopy(model).cpu().eval()
    params = {name: p for name, p in sim.named_parameters()}
    by_bytes: Dict[bytes, tuple] = {}
    for name, p in params.items():
        arr = p.detach().numpy()
        if arr.ndim == 2:
            by_bytes[np.ascontiguousarray(arr).tobytes() + bytes(str(arr.shape), "ascii")] = (name, False)
            by_bytes[np.ascontiguousarray(arr.T).tobytes() + bytes(str(arr.T.shape), "ascii")] = (name, True)
    done = set()
    for rec in records:
        w = np.ascontiguousarray(rec["original"])
        hit = by_bytes.get(w.tobytes() + bytes(str(w.shape), "ascii"))
        if hit is None:
            raise ValueError(f"quantized initializer {rec['name']} matches no torch parameter")
        name, transposed = hit
        value = rec["dequantized"].T if transposed else rec["dequantized"]
        with torch.no_grad():
            params[name].copy_(torch.from_numpy(np.ascontiguousarray(value)))
        rec["torchParameter"] = name
        done.add(name)
    if len(done) != len(records):
        raise ValueError("two quantized initializers mapped to the same torch parameter")
    return sim


def file_size(path: str) -> int:
    return os.path.getsize(path)


def public_records(records: List[dict]) -> List[dict]:
    """Records without the arrays (for JSON)."""
    return [{k: v for k, v in r.items() if k not in ("original", "dequantized")} for r in records]
