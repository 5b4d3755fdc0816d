"""Request- and window-level evaluation of one split, plus ROC/PR plots.

Request level is what the WAF does (score = max window attack score per rid, flag iff
score > threshold); window level shows what the classifier itself learned. TPR at FPR <= 0.1 %
uses the split's own oracle threshold (how separable the scores are), while `tpr`/`fpr` use the
validation-calibrated threshold (what a deployment would actually see).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from data import WindowSet  # noqa: E402
from metrics_math import average_precision, confusion, per_class_prf, pr_curve, roc_auc, roc_curve, tpr_at_fpr  # noqa: E402
from request_scores import aggregate, attack_score  # noqa: E402


def _rate(mask: np.ndarray) -> Optional[float]:
    return float(mask.mean()) if mask.size else None


def evaluate_split(ws: WindowSet, probs: np.ndarray, thresholds: dict, labels: Sequence[str], max_fpr: float = 0.001) -> Tuple[dict, dict]:
    """Returns (metrics, curves) for one split; curves hold request-level ROC/PR points."""
    k = len(labels)
    t = thresholds["threshold"]
    scores = attack_score(probs)
    req = aggregate(ws.rid, ws.y, scores, ws.src, k)
    flagged = req.score > t
    att, ben = req.is_attack, ~req.is_attack
    reported = probs[req.top_window, 1:].argmax(axis=1) + 1
    t_vec = np.array([np.inf] + [thresholds["classThresholds"][labels[c]] for c in range(1, k)], dtype=np.float32)
    window_class_flag = (probs > t_vec[None, :]).any(axis=1)
    req_class_flag = np.zeros(len(req.rid), dtype=bool)
    np.logical_or.at(req_class_flag, req.inverse, window_class_flag)

    tpr, fpr = _rate(flagged[att]), _rate(flagged[ben])
    per_class = {}
    for c in range(1, k):
        m = req.label == c
        if m.any():
            per_class[labels[c]] = {
                "requests": int(m.sum()),
                "tpr": float(flagged[m].mean()),
                "classAccuracy": float((reported[m] == c).mean()),  # over all requests of the class
            }
    per_source = {}
    for code, name in enumerate(ws.src_names):
        m = req.src == code
        if m.any():
            per_source[name] = {
                "requests": int(m.sum()),
                "attackRequests": int((m & att).sum()),
                "benignRequests": int((m & ben).sum()),
                "tpr": _rate(flagged[m & att]),
                "fpr": _rate(flagged[m & ben]),
            }
    detected = att & flagged
    request = {
        "requests": int(len(req.rid)),
        "attackRequests": int(att.sum()),
        "benignRequests": int(ben.sum()),
        "threshold": t,
        "tpr": tpr,
        "fpr": fpr,
        "falsePositives": int(flagged[ben].sum()),
        "balancedAccuracy": (tpr + 1.0 - fpr) / 2.0 if tpr is not None and fpr is not None else None,
        "rocAuc": roc_auc(att, req.score),
        "averagePrecision": average_precision(att, req.score) if ben.any() else None,
        f"tprAtFpr{max_fpr:g}": tpr_at_fpr(att, req.score, max_fpr),
        # reported class (argmax over attack classes of the top window) == true class, among detected attacks
        "classAccuracyOfDetected": _rate(reported[detected] == req.label[detected]),
        "perClass": per_class,
        "perSource": per_source,
        "classRule": {"tpr": _rate(req_class_flag[att]), "fpr": _rate(req_class_flag[ben])},
    }

    pred = probs.argmax(axis=1)
    prf = per_class_prf(ws.y, pred, k)
    w_att = ws.y > 0
    w_flag = scores > t
    window = {
        "windows": int(len(ws)),
        "accuracy": float((pred == ws.y).mean()),
        "macroF1": float(prf["f1"][prf["support"] > 0].mean()),
        "attackRocAuc": roc_auc(w_att, scores),
        "tprAtThreshold": _rate(w_flag[w_att]),
        "fprAtThreshold": _rate(w_flag[~w_att]),
        "perClass": {
            labels[c]: {"precision": float(prf["precision"][c]), "recall": float(prf["recall"][c]), "f1": float(prf["f1"][c]), "support": int(prf["support"][c])}
            for c in range(k) if prf["support"][c] > 0
        },
        "confusion": confusion(ws.y, pred, k).tolist(),
    }
    curves = {}
    if att.any() and ben.any():
        fpr_c, tpr_c, _ = roc_curve(att, req.score)
        rec_c, prec_c = pr_curve(att, req.score)
        curves = {"fpr": fpr_c, "tpr": tpr_c, "recall": rec_c, "precision": prec_c}
    return {"request": request, "window": window}, curves


def plot_curves(curves: Dict[str, Dict[str, dict]], out_roc: str, out_pr: str, target_fpr: float, note: str = "") -> None:
    """curves[variant][split] -> ROC (log FPR axis: the 0.1 % region is what matters) and PR plots.

    Splits without attacks (benign-benchmark) have no curve; `note` reports their FPR instead.
    """
    styles = {"float": "-", "int8": "--"}
    splits: List[str] = sorted({s for v in curves.values() for s in v})
    colors = {s: f"C{i}" for i, s in enumerate(splits)}
    fig, ax = plt.subplots(figsize=(7, 5))
    for variant, per_split in curves.items():
        for split, c in per_split.items():
            ax.step(np.maximum(c["fpr"], 1e-5), c["tpr"], where="post", linestyle=styles.get(variant, "-"), color=colors[split], label=f"{split} ({variant})")
    ax.axvline(target_fpr, color="grey", linestyle=":", label=f"FPR {target_fpr:.1%}")
    ax.set_xscale("log")
    ax.set_xlim(1e-5, 1.0)
    ax.set_xlabel("false-positive rate (benign requests, log scale)")
    ax.set_ylabel("true-positive rate (attack requests)")
    ax.set_title("Request-level ROC")
    if note:
        ax.text(0.02, 0.02, note, transform=ax.transAxes, fontsize=8, va="bottom")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out_roc, dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 5))
    for variant, per_split in curves.items():
        for split, c in per_split.items():
            ax.plot(c["recall"], c["precision"], linestyle=styles.get(variant, "-"), color=colors[split], label=f"{split} ({variant})")
    ax.set_xlabel("recall (attack requests)")
    ax.set_ylabel("precision")
    ax.set_title("Request-level precision-recall")
    ax.set_xlim(0, 1.0)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(out_pr, dpi=120)
    plt.close(fig)
