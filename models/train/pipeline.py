"""Post-training pipeline: export -> int8 -> calibrate -> evaluate -> recommend -> parity.

Runs at the end of train.py, or standalone on the best checkpoint of an earlier run:

    /usr/bin/python3 models/train/pipeline.py --data DIR --out DIR [--target-fpr 0.001] [--sample-eval K]

Writes into --out: model.onnx, model.int8.onnx, thresholds.json, metrics.json, parity.json,
roc.png, pr.png. The int8 variant is static: int8 weights and uint8 activations with ranges fixed on
validation. Both variants (float, int8-simulated) are calibrated on validation separately
(each ships with its own thresholds) and evaluated side by side; the int8 model is recommended
only if it stays within noise of the float one (see `recommend`).
"""

from __future__ import annotations

import threads_env  # noqa: F401  (must precede numpy/torch)
import argparse
import json
import math
import os
import sys
import time
from typing import Dict, Optional

import numpy as np
import torch

import checkpoint as ckpt
import export_onnx
import onnx_numpy
from activation_ranges import linear_input_ranges
from calibrate import calibrate
from data import WindowSet, collate, limit_requests, load_labels, load_parity_fields, load_split, log
from evaluate import evaluate_split, plot_curves
from inference import predict_probs
from model import build_model
from parity import build_parity
from quantize import activation_qparams

EVAL_SPLITS = ("validation", "test", "ood", "benign-benchmark")
#: For weight-only graphs onnxruntime fuses DequantizeLinear+MatMul into MatMulNBits, which by default
#: quantizes activations its own way (accuracy_level 4); level 0 keeps the arithmetic we evaluated. Our
#: static graph quantizes activations explicitly (QDQ), so this only guards against a MatMul left
#: weight-only.
INT8_SESSION_OPTIONS = {"extra": {"session": {"qdq_matmulnbits_accuracy_level": "0"}}}
REPORT_SPLITS = ("test", "ood", "benign-benchmark")


def split_calibration(ws: WindowSet, seed: int) -> tuple:
    """Fallback when validation is missing: half of test's requests calibrate, the rest evaluate."""
    rids = np.unique(ws.rid)
    cal = np.random.default_rng([seed, 99]).choice(rids, len(rids) // 2, replace=False)
    in_cal = np.isin(ws.rid, cal)
    return ws.subset(np.flatnonzero(in_cal), "validation (half of test)"), ws.subset(np.flatnonzero(~in_cal), "test (other half)")


def onnx_self_check(model, sim, ws: WindowSet, pad_id: int, out: str) -> Dict[str, float]:
    """Runs both ONNX files with the numpy interpreter on one padded batch and compares with torch."""
    index = np.argsort(ws.lengths, kind="stable")[np.linspace(0, len(ws) - 1, 8).astype(int)]
    ids, mask = collate(ws, index, pad_id)
    feeds = {"input_ids": ids, "attention_mask": mask}
    with torch.no_grad():
        pf = torch.softmax(model(torch.from_numpy(ids), torch.from_numpy(mask)), -1).numpy()
        pq = torch.softmax(sim(torch.from_numpy(ids), torch.from_numpy(mask)), -1).numpy()
    of = onnx_numpy.run(os.path.join(out, "model.onnx"), feeds)["probs"]
    oq = onnx_numpy.run(os.path.join(out, "model.int8.onnx"), feeds)["probs"]
    result = {"float_max_abs_diff": float(np.abs(of - pf).max()), "int8_max_abs_diff": float(np.abs(oq - pq).max())}
    if max(result.values()) > 1e-4:
        raise RuntimeError(f"ONNX graph disagrees with torch: {result}")
    return result


def _paired_noise(a: np.ndarray, b: np.ndarray) -> float:
    """2 x standard error of a difference of two rates measured on the SAME samples (McNemar-style):
    only the samples whose decision changed carry information."""
    discordant = int((a != b).sum())
    return 2.0 * math.sqrt(discordant) / max(1, len(a))


def recommend(metrics: Dict[str, dict], decisions: Dict[str, Dict[str, dict]]) -> dict:
    """Keep int8 iff on every reported split its TPR does not drop and its FPR does not rise by more
    than max(paired noise, a small floor), and its ROC AUC does not drop by more than 0.002."""
    checks = []
    for split in REPORT_SPLITS:
        f = metrics["float"].get(split)
        q = metrics["int8"].get(split)
        if f is None or q is None:
            continue
        fr, qr = f["request"], q["request"]
        d = decisions[split]
        if fr["tpr"] is not None:
            tol = max(_paired_noise(d["float_attack"], d["int8_attack"]), 0.005)
            checks.append({"split": split, "metric": "tpr", "float": fr["tpr"], "int8": qr["tpr"], "allowedDrop": tol, "ok": fr["tpr"] - qr["tpr"] <= tol})
        if fr["fpr"] is not None:
            tol = max(_paired_noise(d["float_benign"], d["int8_benign"]), 0.0005)
            checks.append({"split": split, "metric": "fpr", "float": fr["fpr"], "int8": qr["fpr"], "allowedRise": tol, "ok": qr["fpr"] - fr["fpr"] <= tol})
        if fr["rocAuc"] is not None:
            checks.append({"split": split, "metric": "rocAuc", "float": fr["rocAuc"], "int8": qr["rocAuc"], "allowedDrop": 0.002, "ok": fr["rocAuc"] - qr["rocAuc"] <= 0.002})
    keep = bool(checks) and all(c["ok"] for c in checks)
    return {
        "ship": "int8" if keep else "float",
        "model": "model.int8.onnx" if keep else "model.onnx",
        "rule": "int8 if, on test/ood/benign-benchmark, TPR drops by <= max(2*paired SE, 0.5 pt), "
        "FPR rises by <= max(2*paired SE, 0.05 pt) and ROC AUC drops by <= 0.002; else float",
        "checks": checks,
    }


def post_training(model, info: dict, splits: Dict[str, Optional[WindowSet]], out: str, target_fpr: float = 0.001, seed: int = 1) -> dict:
    """The whole post-training sequence; returns a summary for train-log.json."""
    t0 = time.perf_counter()
    labels = info["labels"]
    pad_id = info["padId"]
    model = model.cpu().eval()
    splits = dict(splits)
    if splits.get("validation") is None:
        if splits.get("test") is None:
            raise SystemExit("[post] neither validation nor test data: cannot calibrate")
        log("[post] WARNING: no validation split; calibrating on half of test's requests, evaluating on the other half")
        splits["validation"], splits["test"] = split_calibration(splits["test"], seed)

    # 1. Export float and int8, and the torch simulation of int8.
    metadata = {"labels": json.dumps(labels), "maxLength": str(info["maxLength"]), "padId": str(pad_id), "vocabSize": str(info["vocabSize"])}
    float_path, int8_path = os.path.join(out, "model.onnx"), os.path.join(out, "model.int8.onnx")
    export_onnx.export_float(model, float_path, metadata)
    records = export_onnx.quantize_model(float_path, int8_path, embeddings=False)
    sim = export_onnx.simulate_int8(model, records)
    # Static activation ranges, measured on validation (never test) with the int8 weights in place.
    linears = export_onnx.linear_inputs(records, sim)
    ranges = linear_input_ranges(sim, linears.values(), splits["validation"], pad_id, seed=seed)
    act_qparams = {module: activation_qparams(*ranges[module]) for module in linears.values()}
    export_onnx.add_activation_quantization(int8_path, {w: act_qparams[m] for w, m in linears.items()})
    sim = export_onnx.simulate_activations(sim, act_qparams)
    sizes = {"model.onnx": export_onnx.file_size(float_path), "model.int8.onnx": export_onnx.file_size(int8_path)}
    for name, size in sizes.items():
        log(f"[post] {name}: {size / 1e6:.2f} MB" + ("  WARNING: over the 8 MB budget" if size > export_onnx.MAX_BYTES else ""))
    check = onnx_self_check(model, sim, splits["validation"], pad_id, out)
    log(f"[post] ONNX graphs vs torch (numpy interpreter): {check}")

    # 2. Predict, calibrate on validation, evaluate (both variants).
    variants = {"float": model, "int8": sim}
    thresholds: Dict[str, dict] = {}
    metrics: Dict[str, dict] = {"float": {}, "int8": {}}
    curves: Dict[str, dict] = {"float": {}, "int8": {}}
    decisions: Dict[str, Dict[str, np.ndarray]] = {}
    probs_cache: Dict[str, Dict[str, np.ndarray]] = {}
    for variant, net in variants.items():
        probs_cache[variant] = {}
        for split in EVAL_SPLITS:
            ws = splits.get(split)
            if ws is None:
                continue
            probs_cache[variant][split] = predict_probs(net, ws, pad_id, desc=f"predict {split} ({variant})")
        val = splits["validation"]
        thresholds[variant] = calibrate(probs_cache[variant]["validation"], val.y, val.rid, val.src, labels, target_fpr)
        for w in thresholds[variant]["warnings"]:
            log(f"[post] WARNING ({variant}): {w}")
        for split, probs in probs_cache[variant].items():
            m, c = evaluate_split(splits[split], probs, thresholds[variant], labels, target_fpr)
            metrics[variant][split] = m
            if c and split != "validation":
                curves[variant][split] = c
    for split in REPORT_SPLITS:
        ws = splits.get(split)
        if ws is None:
            continue
        from request_scores import aggregate, attack_score  # local: only needed here

        flags = {}
        for variant in variants:
            req = aggregate(ws.rid, ws.y, attack_score(probs_cache[variant][split]), ws.src, len(labels))
            flags[variant] = (req.score > thresholds[variant]["threshold"], req.is_attack)
        att = flags["float"][1]
        decisions[split] = {
            "float_attack": flags["float"][0][att], "int8_attack": flags["int8"][0][att],
            "float_benign": flags["float"][0][~att], "int8_benign": flags["int8"][0][~att],
        }
    rec = recommend(metrics, decisions)
    prob_diff = {s: float(np.abs(probs_cache["float"][s] - probs_cache["int8"][s]).max()) for s in probs_cache["float"]}

    # 3. Write thresholds.json (recommended variant at top level), metrics.json, plots.
    chosen = thresholds[rec["ship"]]
    thresholds_doc = {"model": rec["model"], "variant": rec["ship"], **chosen, "variants": {
        "float": {"model": "model.onnx", "threshold": thresholds["float"]["threshold"], "classThresholds": thresholds["float"]["classThresholds"], "validation": thresholds["float"]["validation"]},
        "int8": {
            "model": "model.int8.onnx", "threshold": thresholds["int8"]["threshold"], "classThresholds": thresholds["int8"]["classThresholds"],
            "validation": thresholds["int8"]["validation"], "onnxRuntimeSessionOptions": INT8_SESSION_OPTIONS,
        },
    }}
    if rec["ship"] == "int8":
        thresholds_doc["onnxRuntimeSessionOptions"] = INT8_SESSION_OPTIONS
    with open(os.path.join(out, "thresholds.json"), "w", encoding="utf-8") as f:
        json.dump(thresholds_doc, f, indent=2)
    summary = {
        "labels": labels,
        "targetFpr": target_fpr,
        "splits": {s: (len(ws) if ws is not None else None) for s, ws in splits.items()},
        "float": metrics["float"],
        "int8": metrics["int8"],
        "sideBySide": side_by_side(metrics),
        "int8MaxAbsProbDiff": prob_diff,
        "recommendation": rec,
        "onnx": {
            "opset": export_onnx.OPSET, "sizes": sizes, "quantized": export_onnx.public_records(records),
            "activations": {m: {"min": ranges[m][0], "max": ranges[m][1], "scale": float(q[0]), "zeroPoint": int(q[1])} for m, q in act_qparams.items()},
            "numpyInterpreterCheck": check,
        },
    }
    with open(os.path.join(out, "metrics.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
    benign_only = [s for s in REPORT_SPLITS if s in metrics["float"] and not metrics["float"][s]["request"]["attackRequests"]]
    note = "\n".join(
        f"{s} (benign only): FPR at threshold {metrics['float'][s]['request']['fpr']:.3%} float, {metrics['int8'][s]['request']['fpr']:.3%} int8"
        for s in benign_only
    )
    plot_curves(curves, os.path.join(out, "roc.png"), os.path.join(out, "pr.png"), target_fpr, note)

    # 4. Parity fixture (test split preferred).
    parity_ws = load_parity_fields(info["dataDir"]) if info.get("dataDir") else None
    if parity_ws is None:
        parity_ws = next(ws for ws in (splits.get("test"), splits["validation"]) if ws is not None)
    parity = build_parity(model, sim, parity_ws, labels, pad_id, info["maxLength"], seed)
    with open(os.path.join(out, "parity.json"), "w", encoding="utf-8") as f:
        json.dump(parity, f)
    log_summary(summary)
    return {"seconds": time.perf_counter() - t0, "sizes": sizes, "recommendation": rec["ship"], "onnxCheck": check}


def side_by_side(metrics: Dict[str, dict]) -> Dict[str, dict]:
    """Compact float vs int8 table of the headline request-level numbers."""
    keys = ("tpr", "fpr", "balancedAccuracy", "rocAuc", "tprAtFpr0.001", "classAccuracyOfDetected")
    table = {}
    for split in metrics["float"]:
        f, q = metrics["float"][split]["request"], metrics["int8"][split]["request"]
        table[split] = {k: {"float": f.get(k), "int8": q.get(k)} for k in keys}
    return table


def _fmt(v) -> str:
    return "  n/a " if v is None else f"{v:.4f}"


def log_summary(summary: dict) -> None:
    log("[post] request-level results (threshold calibrated on validation):")
    log(f"       {'split':<18} {'variant':<6} {'TPR':>7} {'FPR':>7} {'BalAcc':>7} {'AUC':>7} {'TPR@FPR.1%':>10}")
    for split, row in summary["sideBySide"].items():
        for variant in ("float", "int8"):
            log(f"       {split:<18} {variant:<6} {_fmt(row['tpr'][variant]):>7} {_fmt(row['fpr'][variant]):>7} {_fmt(row['balancedAccuracy'][variant]):>7} {_fmt(row['rocAuc'][variant]):>7} {_fmt(row['tprAtFpr0.001'][variant]):>10}")
    log(f"[post] recommendation: ship {summary['recommendation']['model']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Post-training steps on the best checkpoint of a run.")
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True, help="the training run's --out (reads checkpoints/best.pt)")
    ap.add_argument("--target-fpr", type=float, default=0.001)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sample-eval", type=int, default=None, help="cap evaluation splits at K requests each")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    best = ckpt.load(os.path.join(ckpt.checkpoint_dir(args.out), ckpt.BEST))
    if best is None:
        raise SystemExit(f"no best checkpoint in {ckpt.checkpoint_dir(args.out)}")
    model = build_model(best["model_config"])
    model.load_state_dict(best["model"])
    info = load_labels(args.data)
    splits = {name: load_split(args.data, name, info) for name in EVAL_SPLITS}
    if args.sample_eval:
        splits = {k: (limit_requests(v, args.sample_eval, args.seed) if v is not None else None) for k, v in splits.items()}
    post_training(model, info, splits, args.out, args.target_fpr, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
