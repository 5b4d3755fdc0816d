"""Decision thresholds chosen on the VALIDATION split.

Detection (primary rule). Window attack score = 1 - p(benign); request score = max over the
request's windows (group by rid). We pick ONE global threshold T so that at most
`target_fpr` (default 0.1 %) of benign validation REQUESTS score strictly above it: with n benign
requests sorted by score (descending) s_1 >= s_2 >= ..., k = floor(target_fpr * n) and T = s_(k+1),
so at most k benign requests satisfy score > T. This is the tightest empirical choice; its
resolution is 1/n, so fewer than ~10/target_fpr benign validation requests make it noisy (we
warn). Rule at runtime: flag the request iff score > T.

Class decision. The reported class is the argmax over ATTACK classes of the top window's
probabilities. Per-class thresholds t_c are set on benign validation WINDOWS so that p_c > t_c
happens for at most target_fpr / (#attack classes) of them. By the union bound the class-gated
rule "flag if p_c > t_c for some c" then has a window-level benign FPR <= target_fpr, so t_c can
be used (a) as a per-class blocking mode (enable/disable classes independently, each with its own
share of the false-positive budget) and (b) to mark a reported class as confident (p_c > t_c)
versus "attack, class uncertain". It is reported next to the primary rule in metrics.json.
Caveat: at 0.1 % / 13 per class, t_c sits on the few most extreme benign windows, so it is noisier
than T.
"""

from __future__ import annotations

import math
from typing import Dict, Sequence

import numpy as np

from request_scores import aggregate, attack_score


def tail_threshold(scores: np.ndarray, max_rate: float) -> Dict[str, float]:
    """Smallest threshold t (a value from `scores`) with mean(scores > t) <= max_rate."""
    if len(scores) == 0:
        raise ValueError("no benign samples to calibrate on")
    s = np.sort(scores.astype(np.float32))[::-1]
    k = int(math.floor(max_rate * len(s) + 1e-9))
    t = s[min(k, len(s) - 1)]
    return {"threshold": float(t), "allowed": k, "n": int(len(s)), "rate": float((s > t).mean())}


def calibrate(probs: np.ndarray, y: np.ndarray, rid: np.ndarray, src: np.ndarray, labels: Sequence[str], target_fpr: float = 0.001) -> dict:
    """Thresholds from validation probabilities (see module docstring)."""
    n_labels = len(labels)
    scores = attack_score(probs)
    req = aggregate(rid, y, scores, src, n_labels)
    benign_req = ~req.is_attack
    glob = tail_threshold(req.score[benign_req], target_fpr)
    t = glob["threshold"]
    attack_req = req.is_attack
    warnings = []
    if benign_req.sum() < 10 / target_fpr:
        warnings.append(
            f"only {int(benign_req.sum())} benign validation requests: the {target_fpr:.2%} FPR "
            f"threshold rests on {glob['allowed']} requests and is noisy"
        )
    per_class_rate = target_fpr / (n_labels - 1)
    benign_windows = y == 0
    class_thresholds = {}
    for c in range(1, n_labels):
        class_thresholds[labels[c]] = tail_threshold(probs[benign_windows, c], per_class_rate)["threshold"]
    t_vec = np.array([np.inf] + [class_thresholds[labels[c]] for c in range(1, n_labels)], dtype=np.float32)
    window_class_flag = (probs > t_vec[None, :]).any(axis=1)
    return {
        "labels": list(labels),
        "targetFpr": target_fpr,
        "attackScore": "1 - probs[benign]",
        "aggregation": "max over all windows of all fields of a request",
        "rule": "flag the request iff its attack score > threshold",
        "threshold": t,
        "classRule": "reported class = argmax over attack classes of the top window's probs; "
        "class c is confident (and, in per-class mode, flagged) iff probs[c] > classThresholds[c]",
        "classThresholds": class_thresholds,
        "perClassWindowRate": per_class_rate,
        "validation": {
            "benignRequests": int(benign_req.sum()),
            "attackRequests": int(attack_req.sum()),
            "allowedFalsePositives": glob["allowed"],
            "fpr": glob["rate"],
            "tpr": float((req.score[attack_req] > t).mean()) if attack_req.any() else None,
            "classRuleWindowFpr": float(window_class_flag[benign_windows].mean()) if benign_windows.any() else None,
            "classRuleWindowTpr": float(window_class_flag[~benign_windows].mean()) if (~benign_windows).any() else None,
        },
        "warnings": warnings,
    }
