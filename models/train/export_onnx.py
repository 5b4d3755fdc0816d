"""ONNX export (float) and int8 quantization by graph surgery (weights, then activations), plus the
torch simulation of the int8 model.

Float export: the eval-mode model wrapped to return softmax probabilities; inputs `input_ids`
and `attention_mask` (int64 [batch, seq]), output `probs` (float32 [batch, n_labels]); batch and
sequence axes dynamic; opset 14 (>= 13 is needed for per-axis DequantizeLinear; torch 1.13 and
onnx 1.12 both handle 14 well, and every onnxruntime-node since 1.8 runs it).

Int8: each large float weight initializer (>= MIN_ELEMENTS values, 2-D) consumed by MatMul (as
B), Gemm (as B), Gather (the token embedding) or Slice (the position table) is replaced by an int8
initializer + per-channel float32 scale + int8 zero point 0, feeding a DequantizeLinear whose
output keeps the original name, so the consumers are untouched. The channel axis is the
OUTPUT unit: axis 1 for MatMul's [in, out] weights, axis 0 for Gemm with transB=1 ([out, in]),
axis 0 (per row) for embedding tables. That alone is weight-only int8 (4x smaller weights, float
compute). The shipped variant then also quantizes the activation input of each encoder Linear's
MatMul with fixed uint8 ranges (`add_activation_quantization`), which is what lets ONNX Runtime use
integer kernels; it leaves the embedding tables float (`embeddings=False`).

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
from quantize import dequantize, fake_quantize_activation, quantize_symmetric

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


def quantize_model(src: str, dst: str, min_elements: int = MIN_ELEMENTS, embeddings: bool = True) -> List[dict]:
    """Writes the int8 weight-only model; returns one record per quantized tensor.

    ``embeddings=False`` leaves the token and position tables in float32: ONNX Runtime keeps a
    DequantizeLinear on an initializer as a node (it does not fold it into a constant), so a
    quantized 4000-row table is dequantized whole on every call to gather a few rows of it.
    """
    proto = onnx.load(src)
    graph = proto.graph
    uses = _consumers(graph)
    records: List[dict] = []
    dq_nodes = []
    keep = []
    for init in graph.initializer:
        w = numpy_helper.to_array(init)
        consumers = uses.get(init.name, [])
        axes = {_channel_axis(n, s) for n, s in consumers}
        is_table = any(n.op_type in ("Gather", "Slice") for n, _ in consumers)
        if w.dtype != np.float32 or w.ndim != 2 or w.size < min_elements or len(axes) != 1 or None in axes or (is_table and not embeddings):
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


def linear_inputs(records: List[dict], model: WaferEncoder) -> Dict[str, str]:
    """Quantized MatMul weights that belong to an nn.Linear: {initializer name: Linear module name}.
    Their activation inputs are what the static int8 graph quantizes. Needs ``simulate_int8`` to
    have matched each record to its torch parameter."""
    modules = dict(model.named_modules())
    out = {}
    for rec in records:
        owner, _, leaf = rec.get("torchParameter", "").rpartition(".")
        if rec["consumers"] == ["MatMul"] and leaf == "weight" and isinstance(modules.get(owner), torch.nn.Linear):
            out[rec["name"]] = owner
    return out


def add_activation_quantization(path: str, qparams: Dict[str, tuple]) -> int:
    """Rewrites `path` so that each MatMul whose weight is in `qparams` ({initializer name: (scale,
    zero point)}) reads its activation through QuantizeLinear -> DequantizeLinear (uint8, per tensor).

    Why this standard QDQ form and not a contrib op: ONNX Runtime fuses QDQ -> MatMul into its integer
    kernels (MatMulIntegerToFloat: uint8 x int8 GEMM, ~1.6x faster than float32 at 64 tokens on our
    bench), any other runtime can execute it as written, and its meaning is plain ONNX arithmetic that
    the torch simulation reproduces. Returns the number of MatMuls rewritten.
    """
    proto = onnx.load(path)
    graph = proto.graph
    extra_inits, nodes, count = [], [], 0
    for node in graph.node:
        weight = node.input[1] if node.op_type == "MatMul" and len(node.input) == 2 else None
        if weight in qparams:
            scale, zero_point = qparams[weight]
            base = f"{weight}_act"
            extra_inits += [
                numpy_helper.from_array(np.array(scale, dtype=np.float32), base + "_scale"),
                numpy_helper.from_array(np.array(zero_point, dtype=np.uint8), base + "_zero_point"),
            ]
            nodes += [
                helper.make_node("QuantizeLinear", [node.input[0], base + "_scale", base + "_zero_point"], [base + "_q"], name=base + "_quantize"),
                helper.make_node("DequantizeLinear", [base + "_q", base + "_scale", base + "_zero_point"], [base + "_dq"], name=base + "_dequantize"),
            ]
            node.input[0] = base + "_dq"
            count += 1
        nodes.append(node)
    if count != len(qparams):
        raise ValueError(f"{len(qparams) - count} activation ranges match no MatMul weight")
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(extra_inits)
    proto.doc_string += " | uint8 activations (per tensor, static ranges) into each quantized MatMul"
    onnx.save(proto, path)
    check(path)
    return count


class _FakeQuantInput:
    """forward pre-hook: the Linear's input through the same uint8 grid as the ONNX graph."""

    def __init__(self, scale, zero_point) -> None:
        self.scale, self.zero_point = scale, zero_point

    def __call__(self, module, inputs):
        return (fake_quantize_activation(inputs[0], self.scale, self.zero_point),) + tuple(inputs[1:])


def simulate_activations(sim: WaferEncoder, qparams_by_module: Dict[str, tuple]) -> WaferEncoder:
    """Makes the int8 simulation quantize each listed Linear's input as the ONNX graph does."""
    modules = dict(sim.named_modules())
    for name, (scale, zero_point) in qparams_by_module.items():
        modules[name].register_forward_pre_hook(_FakeQuantInput(scale, zero_point))
    return sim


def file_size(path: str) -> int:
    return os.path.getsize(path)


def public_records(records: List[dict]) -> List[dict]:
    """Records without the arrays (for JSON)."""
    return [{k: v for k, v in r.items() if k not in ("original", "dequantized")} for r in records]
