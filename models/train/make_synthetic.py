"""Synthetic stand-in for the tokenized corpus, shaped like the real one, for development and tests.

Why it exists: the real windows come from a colleague's TypeScript pipeline; the trainer must be
built and tested before (and independently of) it. The synthetic data copies the real data's
SHAPE, not its content:

* the same files and fields (``ids``/``y``/``rid``/``src``/``loc``), [CLS] first and [SEP] last;
* a log-normal length distribution (median ~20 ids, a tail of 128-id windows from long fields);
* requests made of several windows (fields), an attack request carrying its payload in 1-2;
* class frequencies like the corpus config (benign ~52 % of requests; xxe/crlf/ldap rarer);
* signal that needs order, not just a bag of tokens: attacks contain class-specific token
  n-grams, while 20 % of benign windows ("hard negatives") contain the same tokens scattered;
* related classes share tokens (sqli/nosqli/ldap_xpath, xss/ssti/code_injection, ...);
* an out-of-distribution split (other source, shifted benign vocabulary, novel n-grams) and a
  benign-only benchmark split.

Usage: /usr/bin/python3 models/train/make_synthetic.py --out DIR [--train-windows 300000]
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Dict, List, Sequence

import numpy as np

LABELS = [
    "benign", "sqli", "xss", "path_traversal", "cmdi", "code_injection", "ssrf", "ssti", "xxe",
    "log4shell", "nosqli", "ldap_xpath", "crlf", "open_redirect",
]
PAD, CLS, SEP, UNK = 0, 1, 2, 3
N_SPECIAL = 4
MAX_LEN = 128

#: Attack requests per class, proportional to the corpus config's CLASS_TARGETS.
CLASS_SHARE = {
    "sqli": 7000, "xss": 7000, "path_traversal": 6000, "cmdi": 5000, "code_injection": 5000,
    "ssrf": 4000, "ssti": 4000, "xxe": 3000, "log4shell": 3500, "nosqli": 3000,
    "ldap_xpath": 3000, "crlf": 3000, "open_redirect": 2500,
}
FAMILY = {
    "sqli": "query", "nosqli": "query", "ldap_xpath": "query",
    "xss": "markup", "ssti": "markup", "code_injection": "markup",
    "path_traversal": "file", "xxe": "file", "ssrf": "file",
    "cmdi": "shell", "log4shell": "shell", "crlf": "header", "open_redirect": "header",
}
BENIGN_REQUEST_SHARE = 0.52
LOCS = ["path", "query:q", "query:id", "body:json", "body:form", "header:user-agent", "header:referer", "cookie:session"]
TRAIN_SOURCES = ["payloadsallthethings", "fuzzdb-attack", "generator", "csic2010", "synthetic-benign"]
OOD_CLASSES = ["sqli", "xss", "path_traversal", "code_injection", "ssti", "log4shell", "crlf"]


class Spec:
    """The synthetic 'language': which ids are common, which are class signatures and n-grams."""

    def __init__(self, vocab_size: int, seed: int) -> None:
        if vocab_size < 1024:
            raise ValueError("make_synthetic needs vocab_size >= 1024 (about 500 ids are class signatures)")
        rng = np.random.default_rng(seed)
        ids = rng.permutation(np.arange(N_SPECIAL, vocab_size))
        pos = 0

        def take(n: int) -> np.ndarray:
            nonlocal pos
            out = ids[pos:pos + n]
            pos += n
            return out

        self.class_sig = {c: take(30) for c in CLASS_SHARE}
        self.family_sig = {f: take(12) for f in sorted(set(FAMILY.values()))}
        self.shared = take(20)  # quotes, brackets, '..' — in every attack class and many benign fields
        self.common = ids[pos:]
        weights = 1.0 / (np.arange(len(self.common)) + 3.0) ** 1.05  # Zipf-like benign vocabulary
        self.common_cdf = np.cumsum(weights / weights.sum())
        self.source_pool = {s: rng.choice(self.common, min(300, len(self.common) // 3), replace=False) for s in TRAIN_SOURCES + ["atrdf-api", "elastic-apache-logs"]}
        self.patterns = {c: self._patterns(c, rng, 12) for c in CLASS_SHARE}
        self.novel_patterns = {c: self._patterns(c, rng, 12) for c in CLASS_SHARE}

    def _patterns(self, cls: str, rng: np.random.Generator, n: int) -> List[np.ndarray]:
        own, fam = self.class_sig[cls], self.family_sig[FAMILY[cls]]
        out = []
        for _ in range(n):
            k = int(rng.integers(2, 5))
            toks = np.where(rng.random(k) < 0.7, rng.choice(own, k), rng.choice(fam, k))
            out.append(toks.astype(np.int64))
        return out


def benign_tokens(spec: Spec, n: int, source: str, rng: np.random.Generator, shift: float = 0.3) -> np.ndarray:
    """n benign body tokens: Zipf over the common vocabulary, `shift` of them source-specific."""
    toks = spec.common[np.minimum(np.searchsorted(spec.common_cdf, rng.random(n)), len(spec.common) - 1)]
    local = rng.random(n) < shift
    pool = spec.source_pool[source]
    toks[local] = pool[rng.integers(0, len(pool), int(local.sum()))]
    return toks.astype(np.int64)


def window_length(rng: np.random.Generator) -> int:
    """Total window length incl. [CLS]/[SEP]: log-normal, median ~20, 3 % full 128-id windows."""
    if rng.random() < 0.03:
        return MAX_LEN
    return int(np.clip(round(np.exp(rng.normal(np.log(20.0), 0.75))), 3, MAX_LEN))


def payload(spec: Spec, cls: str, rng: np.random.Generator, novel: float) -> np.ndarray:
    """Attack payload: 1-3 class n-grams, shared attack tokens, sometimes noise in between."""
    parts = []
    n_pat = 1 if rng.random() < 0.15 else int(rng.integers(1, 4))
    for _ in range(n_pat):
        pats = spec.novel_patterns[cls] if rng.random() < novel else spec.patterns[cls]
        parts.append(pats[int(rng.integers(len(pats)))])
        if rng.random() < 0.5:
            parts.append(rng.choice(spec.shared, int(rng.integers(1, 3))))
        if rng.random() < 0.2:
            parts.append(spec.common[rng.integers(0, 200, 1)])
    return np.concatenate(parts).astype(np.int64)


def make_window(spec: Spec, label: str, source: str, rng: np.random.Generator, shift: float, novel: float) -> List[int]:
    length = window_length(rng)
    body = benign_tokens(spec, length - 2, source, rng, shift)
    if label != "benign":
        p = payload(spec, label, rng, novel)[: MAX_LEN - 2]
        keep = max(0, min(len(body), MAX_LEN - 2 - len(p)))
        body = body[:keep]
        at = int(rng.integers(0, len(body) + 1))
        body = np.concatenate([body[:at], p, body[at:]])
    elif rng.random() < 0.2 and len(body) >= 2:  # hard negative: signature tokens, but scattered
        k = min(len(body), int(rng.integers(1, 5)))
        cls = list(CLASS_SHARE)[int(rng.integers(len(CLASS_SHARE)))]
        pool = np.concatenate([spec.class_sig[cls], spec.shared])
        where = rng.choice(len(body), k, replace=False)
        body[where] = rng.choice(pool, k)
    return [CLS] + body.astype(int).tolist() + [SEP]


def write_split(
    path: str, spec: Spec, n_windows: int, rng: np.random.Generator, sources: Sequence[str],
    classes: Sequence[str], benign_share: float, shift: float = 0.3, novel: float = 0.0,
) -> Dict[str, int]:
    """Writes whole requests until about n_windows windows; returns per-label window counts."""
    label_index = {name: i for i, name in enumerate(LABELS)}
    shares = np.array([CLASS_SHARE[c] for c in classes], dtype=float)
    shares /= shares.sum()
    counts: Dict[str, int] = {}
    written, rid = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while written < n_windows:
            source = sources[int(rng.integers(len(sources)))]
            n_fields = int(min(12, 1 + rng.poisson(2.5)))
            attack = rng.random() >= benign_share and len(classes) > 0
            cls = classes[int(rng.choice(len(classes), p=shares))] if attack else "benign"
            attack_fields = set()
            if attack:
                attack_fields.add(int(rng.integers(n_fields)))
                if rng.random() < 0.15:
                    attack_fields.add(int(rng.integers(n_fields)))
            for field in range(n_fields):
                label = cls if field in attack_fields else "benign"
                ids = make_window(spec, label, source, rng, shift, novel)
                loc = LOCS[int(rng.integers(len(LOCS)))]
                f.write(json.dumps({"ids": ids, "y": label_index[label], "rid": 1_000_000 + rid, "src": source, "loc": loc}, separators=(",", ":")) + "\n")
                counts[label] = counts.get(label, 0) + 1
                written += 1
            rid += 1
    return counts


def generate(out: str, train_windows: int = 300_000, vocab_size: int = 8192, seed: int = 1) -> None:
    """Writes labels.json and the five JSONL splits into `out`."""
    os.makedirs(out, exist_ok=True)
    spec = Spec(vocab_size, seed)
    with open(os.path.join(out, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"labels": LABELS, "vocabSize": vocab_size, "maxLength": MAX_LEN, "padId": PAD}, f, indent=2)
    classes = list(CLASS_SHARE)
    plan = [
        ("train", train_windows, TRAIN_SOURCES, classes, BENIGN_REQUEST_SHARE, 0.3, 0.0),
        ("validation", train_windows // 10, TRAIN_SOURCES, classes, BENIGN_REQUEST_SHARE, 0.3, 0.0),
        ("test", train_windows // 10, TRAIN_SOURCES, classes, BENIGN_REQUEST_SHARE, 0.3, 0.0),
        ("ood", train_windows // 20, ["atrdf-api"], OOD_CLASSES, 0.6, 0.5, 0.5),
        ("benign-benchmark", train_windows // 20, ["elastic-apache-logs"], [], 1.0, 0.5, 0.0),
    ]
    for i, (name, n, sources, cls, share, shift, novel) in enumerate(plan):
        rng = np.random.default_rng([seed, i])
        counts = write_split(os.path.join(out, f"{name}.jsonl"), spec, max(1, n), rng, sources, cls, share, shift, novel)
        print(f"{name}: {sum(counts.values())} windows {dict(sorted(counts.items()))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--train-windows", type=int, default=300_000)
    ap.add_argument("--vocab-size", type=int, default=8192)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.out, args.train_windows, args.vocab_size, args.seed)


if __name__ == "__main__":
    main()
